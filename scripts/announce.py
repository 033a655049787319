"""Print the dashboard's address once its server answers (make run starts Streamlit headless,
so no browser opens by itself): in Chinese and English, then exit.

    python scripts/announce.py PORT
"""

from __future__ import annotations

import sys
import time
import urllib.request

DEADLINE_S = 600  # a first run builds the warehouse before the server starts


def main(port: int) -> int:
    url = f"http://localhost:{port}"
    t0 = time.monotonic()
    while time.monotonic() - t0 < DEADLINE_S:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
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
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8501))
