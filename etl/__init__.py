"""ETL for 法治指标看板: read department records, extract indicator facts, load DuckDB."""
