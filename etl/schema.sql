-- Warehouse schema. The warehouse is a build product: rebuilt from data/, never edited.
-- Readers (board/) may rely on every table and column named here.

CREATE TABLE agency (
    agency_id   VARCHAR PRIMARY KEY,   -- zc_kjj
    name_zh     VARCHAR NOT NULL,      -- 周村区科学技术局
    short_zh    VARCHAR NOT NULL,      -- 区科技局 (for charts)
    name_en     VARCHAR NOT NULL,
    short_en    VARCHAR NOT NULL,
    parent_id   VARCHAR,               -- zc_kjj for its subordinate agencies
    kind        VARCHAR NOT NULL,      -- bureau | subordinate | internal
    sort_order  INTEGER NOT NULL,
    region      VARCHAR                -- 山东省/淄博市/周村区: where it is, for the region picker
);

CREATE TABLE agency_alias (
    alias       VARCHAR NOT NULL,
    agency_id   VARCHAR NOT NULL
);

CREATE TABLE indicator (
    indicator_id VARCHAR PRIMARY KEY,  -- contract id, e.g. inspections
    name_zh      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    unit         VARCHAR NOT NULL,     -- 次, 件, %, 工作日 ...
    unit_en      VARCHAR NOT NULL,
    area         VARCHAR NOT NULL,     -- enforcement | cases | training | disclosure | approval | legal_review
    area_zh      VARCHAR NOT NULL,
    area_en      VARCHAR NOT NULL,
    sort_order   INTEGER NOT NULL,
    headline     BOOLEAN NOT NULL      -- the indicator that stands for its area on the overview
);

CREATE TABLE document (
    doc_id      VARCHAR PRIMARY KEY,   -- sha256 of the file's bytes, first 16 hex digits
    agency_id   VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    title       VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,      -- relative to the data folder
    kind        VARCHAR NOT NULL,      -- report | table
    format      VARCHAR NOT NULL,      -- txt | docx | pdf | csv | xlsx
    encoding    VARCHAR,               -- what a .txt was decoded from
    origin      VARCHAR NOT NULL,      -- real | demo (files under data/demo/ are demo)
    text        VARCHAR,               -- the text that quotes and spans refer to (reports)
    n_facts     INTEGER NOT NULL,
    duplicate_paths VARCHAR            -- other paths with the same content, '|'-joined
);

-- Where a report's year and agency came from (its title, else the page's metadata fields,
-- the opening of its body, its signature, the file or folder name, or an editor's
-- assignment), and any doubt about them (a body that speaks of another year). A table of
-- its own so that positional INSERTs into document keep working.
CREATE TABLE document_year (
    doc_id        VARCHAR PRIMARY KEY,
    year_source   VARCHAR NOT NULL,    -- title | metadata | opening | file name | folder | assigned
    agency_source VARCHAR,             -- title | metadata | opening | signature | breadcrumb | folder | assigned
    note          VARCHAR              -- a doubt to check on 数据质量, or NULL
);

CREATE TABLE fact (
    fact_id      INTEGER PRIMARY KEY,
    doc_id       VARCHAR,              -- NULL for a correction without a source document
    agency_id    VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    indicator_id VARCHAR NOT NULL,
    value        DOUBLE,               -- NULL: a mention without a number (多次)
    unit         VARCHAR NOT NULL,
    qualifier    VARCHAR,              -- at_least | about | NULL
    quote        VARCHAR NOT NULL,     -- the source clause, or the table row as written
    span_start   INTEGER NOT NULL,     -- quote = document.text[span_start:span_end]
    span_end     INTEGER NOT NULL,
    num_start    INTEGER NOT NULL,     -- the number inside document.text, for highlighting
    num_end      INTEGER NOT NULL,
    location     VARCHAR NOT NULL,     -- 第3段 | Sheet1!D7
    rule         VARCHAR NOT NULL,     -- the extraction rule that produced it
    method       VARCHAR NOT NULL,     -- text | table | correction
    origin       VARCHAR NOT NULL,     -- real | demo
    status       VARCHAR NOT NULL      -- unverified | verified | corrected | rejected
);

-- One value per (agency, year, indicator): correction > table > text, real before demo.
-- conflict is true when the sources at the winning level disagree; never averaged.
CREATE TABLE resolved (
    agency_id    VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    indicator_id VARCHAR NOT NULL,
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    qualifier    VARCHAR,
    fact_id      INTEGER NOT NULL,     -- the fact whose value is shown
    doc_id       VARCHAR,
    quote        VARCHAR NOT NULL,
    method       VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,
    n_sources    INTEGER NOT NULL,     -- facts with a value for this key
    conflict     BOOLEAN NOT NULL,
    other_values VARCHAR              -- the disagreeing values, '、'-joined, when conflict
);

-- Numbers that speak of an indicator but did not become facts, with why (etl/model.py
-- CANDIDATE_REASONS): nothing with an indicator's words and a number is dropped silently.
-- A parked (unidentified) report's numbers have no doc_id in document, no agency, no year.
CREATE TABLE candidate (
    candidate_id INTEGER PRIMARY KEY,
    doc_id       VARCHAR,              -- the report's content hash
    path         VARCHAR NOT NULL,     -- under data/
    agency_id    VARCHAR,              -- NULL where unknown
    year         INTEGER,
    indicator_id VARCHAR,              -- the best guess, or NULL
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,     -- delta | stock | part | other_body | other_year | plan | …
    quote        VARCHAR NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    num_start    INTEGER NOT NULL,
    num_end      INTEGER NOT NULL,
    location     VARCHAR NOT NULL
);

-- What a report says about another year (etl/extract/claims.py): 比上年增加3次 (delta),
-- 同比下降15% (pct_change), 较2019年的8件 (previous_level), 与上年持平 (same_as_last_year),
-- 连续三年零复议 (streak_zero). Not facts; each is checked against the facts (claim_check).
CREATE TABLE claim (
    claim_id     INTEGER PRIMARY KEY,
    doc_id       VARCHAR NOT NULL,
    agency_id    VARCHAR NOT NULL,
    year         INTEGER NOT NULL,     -- the report's year (the level the claim starts from)
    indicator_id VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,     -- delta | pct_change | previous_level | same_as_last_year | streak_zero
    value        DOUBLE,               -- signed change / % / the other year's level / years; NULL for 持平
    unit         VARCHAR NOT NULL,     -- the claim's own unit (个百分点 for a change of a %)
    about_year   INTEGER NOT NULL,     -- the year compared with (a streak's first year)
    qualifier    VARCHAR,              -- about | at_least | NULL
    quote        VARCHAR NOT NULL,     -- document.text[span_start:span_end]
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    num_start    INTEGER NOT NULL,
    num_end      INTEGER NOT NULL,
    location     VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL      -- real | demo
);

-- Each claim checked against the resolved values at build time (etl/check.py).
CREATE TABLE claim_check (
    claim_id      INTEGER PRIMARY KEY,
    verdict       VARCHAR NOT NULL,    -- consistent | inconsistent | unverifiable
    claimed       DOUBLE,              -- what the claim says, in its own terms
    observed      DOUBLE,              -- the same computed from the resolved values
    this_value    DOUBLE,              -- resolved value of the claim's year
    other_year    INTEGER,             -- the year the claim is compared with (checked)
    other_value   DOUBLE,              -- resolved value of that year
    other_fact_id INTEGER,             -- the fact behind other_value (its sentence)
    this_fact_id  INTEGER,
    note          VARCHAR NOT NULL     -- the verdict in plain words (Chinese)
);

-- What a build refused or set aside. kind: file (a file refused) | row (a row or value set
-- aside, the rest of its file loaded) | correction | assignment (a row of those files that
-- could not be used) | unidentified (a report parked until an editor assigns its agency
-- and year in data/assignments.csv; doc_id and excerpt say which report it is).
CREATE TABLE rejected_file (
    path    VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,          -- plain Chinese sentence: what is wrong and how to fix it
    detail  VARCHAR,
    kind    VARCHAR NOT NULL DEFAULT 'file',
    doc_id  VARCHAR,                   -- unidentified: the content hash an assignment names
    excerpt VARCHAR                    -- unidentified: the beginning of the report's text
);

CREATE TABLE load_run (
    run_id         VARCHAR PRIMARY KEY,
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP NOT NULL,
    data_dir       VARCHAR NOT NULL,
    files_seen     INTEGER NOT NULL,
    files_loaded   INTEGER NOT NULL,
    files_rejected INTEGER NOT NULL,
    facts          INTEGER NOT NULL
);
