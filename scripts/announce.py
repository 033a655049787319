"""Print the dashboard's address once its server answers (make run starts Streamlit headless,
so no browser opens by itself): in Chinese and English, then exit.

    python scripts/announce.py PORT [HOST [SHOWN]]

HOST is where it asks (default localhost); SHOWN the host name or IP printed in the address
(default HOST): scripts/serve.sh binds every interface, asks 127.0.0.1 and shows this
machine's IP.
"""

from __future__ import annotations

import sys
import time
import urllib.request

DEADLINE_S = 600  # a first run builds the warehouse before the server starts


def main(port: int, host: str = "localhost", shown: str = "") -> int:
    url = f"http://{shown or host}:{port}"
    t0 = time.monotonic()
    while time.monotonic() - t0 < DEADLINE_S:
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    print(f"\n看板已启动，请在浏览器中打开 {url}（按 Ctrl+C 停止）", flush=True)
                    print(f"The dashboard is up: open {url} in a browser (Ctrl+C stops it)\n",
                          flush=True)  # fmt: skip
                    return 0
        except OSError:
            pass
        time.sleep(0.5)
    return 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(int(args[0]) if args else 8501, *args[1:3]))
