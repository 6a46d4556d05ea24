#!/usr/bin/env python3
"""Generate the SL sandbox DDL (H2 and SQL Server flavours) from sl-tables.md.

sl-tables.md is the column/key/index listing of 16 Dynamics SL tables taken from a real SL
database export (shared/reference/sl-tables.md). This script turns it into:

  src/main/resources/sl/h2/schema.sql         run by SlSandbox against H2 2.5 (MODE=MSSQLServer)
  src/main/resources/sl/sqlserver/schema.sql  the faithful SQL Server DDL (not run here)

Usage (from sl-sandbox/):  python3 tools/gen_schema.py [path/to/sl-tables.md]
The generated files are committed; rerun only when sl-tables.md changes.
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULE = HERE.parent
# The team's shared folder sits beside the repository checkout: <root>/shared and <root>/<repo>.
DEFAULT_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sl-tables.md"

# SL's "now" default: current date and time to the minute (see sl-tables.md footnote 1).
NOW_SQLSERVER = "rtrim(CONVERT(varchar(30), CONVERT(smalldatetime, getdate(), 0), 0))"
# H2 has neither CONVERT(t,x,style) nor smalldatetime rounding: truncate to the minute instead.
NOW_H2 = "DATE_TRUNC('MINUTE', LOCALTIMESTAMP)"
# One database-wide counter, like SQL Server's rowversion (@@DBTS).
ROWVERSION_SEQ = "dbo.SlRowVersion"

ROW_RE = re.compile(r"^\| (\d+) \| (\S+) \| ([^|]+?) \| NOT NULL \| ([^|]*?) \| ([^|]*?) \|$")
PK_RE = re.compile(r"^\*\*Primary key:\*\* `([^`]+)` \((clustered|NONCLUSTERED)\) on (.+)\.$")
IDX_RE = re.compile(r"^- `([^`]+)`( \(unique\))?: (.+)$")
CHECK_RE = re.compile(r"`(CK_[^`]+)`: `([^`]+)` in \(([^)]*)\)")
COUNT_RE = re.compile(r"^Defined in `[^`]+`\. (\d+) columns\.$")


def parse(text):
    tables = []
    cur = None
    in_indexes = False
    for line in text.splitlines():
        if line.startswith("## ") and line[3:].strip() != "Summary":
            cur = dict(name=line[3:].strip(), cols=[], pk=None, pk_name=None, pk_clustered=True,
                       indexes=[], checks=[], declared=None)
            tables.append(cur)
            in_indexes = False
            continue
        if cur is None:
            continue
        if m := COUNT_RE.match(line):
            cur["declared"] = int(m.group(1))
        elif m := PK_RE.match(line):
            cur["pk_name"] = m.group(1)
            cur["pk_clustered"] = m.group(2) == "clustered"
            cur["pk"] = re.findall(r"`([^`]+)`", m.group(3))
        elif m := ROW_RE.match(line):
            num, col, typ, default, notes = m.groups()
            assert int(num) == len(cur["cols"]) + 1, (cur["name"], num)
            cur["cols"].append(dict(name=col, type=typ.strip(), default=default.strip(),
                                    identity="IDENTITY" in notes))
        elif line.startswith("**Secondary indexes"):
            in_indexes = True
        elif line.startswith("**Notes"):
            in_indexes = False
        elif in_indexes and (m := IDX_RE.match(line)):
            name, unique, spec = m.groups()
            keys, _, include = spec.partition("; INCLUDE ")
            cur["indexes"].append(dict(name=name, unique=bool(unique),
                                       keys=[c.strip() for c in keys.split(",")],
                                       include=[c.strip() for c in include.split(",")] if include else []))
        for cm in CHECK_RE.finditer(line):
            cur["checks"].append(cm.groups())
    for t in tables:
        assert len(t["cols"]) == t["declared"], (t["name"], len(t["cols"]), t["declared"])
        names = {c["name"] for c in t["cols"]}
        assert all(k in names for k in t["pk"]), t["name"]
        for ix in t["indexes"]:
            assert all(k in names for k in ix["keys"] + ix["include"]), (t["name"], ix["name"])
    assert len(tables) == 16, [t["name"] for t in tables]
    return tables


def default_sql(raw, typ, dialect):
    if not raw:
        return None
    if raw.startswith("now"):
        return NOW_H2 if dialect == "h2" else NOW_SQLSERVER
    lit = raw.strip("`")
    if lit == "'01/01/1900'" and dialect == "h2":
        return "TIMESTAMP '1900-01-01 00:00:00'"  # H2 does not parse US-style date strings
    return lit


def column_sql(c, dialect):
    q = f"[{c['name']}]"
    typ = c["type"]
    if typ == "rowversion":
        if dialect == "h2":
            # H2 has no rowversion: a bigint fed by one sequence on insert and on every update.
            return (f"{q} bigint DEFAULT NEXT VALUE FOR {ROWVERSION_SEQ} "
                    f"ON UPDATE NEXT VALUE FOR {ROWVERSION_SEQ} NOT NULL")
        return f"{q} rowversion NOT NULL"
    if c["identity"]:
        if dialect == "h2":
            # ALWAYS, not H2's IDENTITY(1,1) (= BY DEFAULT): an explicit value is rejected, as in
            # SQL Server with IDENTITY_INSERT OFF.
            return f"{q} {typ} GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1) NOT NULL"
        return f"{q} {typ} IDENTITY(1,1) NOT FOR REPLICATION NOT NULL"
    d = default_sql(c["default"], typ, dialect)
    if d is None:
        return f"{q} {typ} NOT NULL"
    return f"{q} {typ} DEFAULT ({d}) NOT NULL"


def cols(names, asc=False):
    return ", ".join(f"[{n}]" + (" ASC" if asc else "") for n in names)


def table_sql(t, dialect):
    h2 = dialect == "h2"
    lines = [column_sql(c, dialect) for c in t["cols"]]
    if h2:
        lines.append(f"CONSTRAINT [{t['pk_name']}] PRIMARY KEY ({cols(t['pk'])})")
    else:
        kind = "CLUSTERED" if t["pk_clustered"] else "NONCLUSTERED"
        lines.append(f"CONSTRAINT [{t['pk_name']}] PRIMARY KEY {kind} ({cols(t['pk'], True)})")
    for name, col, values in t["checks"]:
        lines.append(f"CONSTRAINT [{name}] CHECK ([{col}] IN ({values}))")
    out = [f"-- {t['name']}: {len(t['cols'])} columns, PK {t['pk_name']} ({', '.join(t['pk'])})",
           f"CREATE TABLE [dbo].[{t['name']}] (\n    " + ",\n    ".join(lines) + "\n);"]
    for ix in t["indexes"]:
        unique = "UNIQUE " if ix["unique"] else ""
        if h2:
            # H2 has no CLUSTERED/INCLUDE; index names are schema-wide there, but SL's are unique anyway.
            out.append(f"CREATE {unique}INDEX [{ix['name']}] ON [dbo].[{t['name']}] ({cols(ix['keys'])});")
        else:
            inc = f" INCLUDE ({cols(ix['include'])})" if ix["include"] else ""
            out.append(f"CREATE {unique}NONCLUSTERED INDEX [{ix['name']}] ON [dbo].[{t['name']}] "
                       f"({cols(ix['keys'], True)}){inc};")
    return out


HEADER = """-- GENERATED by sl-sandbox/tools/gen_schema.py from shared/reference/sl-tables.md. Do not edit by hand.
-- Dynamics SL tables as defined in a real SL database (ccarson/TimelyFish @0d3f8bc1), {flavour}.
-- Every column is NOT NULL (SL stores blanks, 0 and 1900-01-01 rather than NULL).
"""


def generate(tables, dialect):
    out = []
    if dialect == "h2":
        out.append(HEADER.format(flavour="H2 2.5 flavour (MODE=MSSQLServer)") +
                   "-- rowversion -> bigint fed by one sequence; IDENTITY -> GENERATED ALWAYS AS IDENTITY;\n"
                   "-- no CLUSTERED/INCLUDE; '01/01/1900' -> TIMESTAMP '1900-01-01 00:00:00'.\n"
                   "-- Statements end with ';' at end of line (SlSchema splits on that).")
        out.append("CREATE SCHEMA IF NOT EXISTS [dbo];")
        out.append(f"CREATE SEQUENCE {ROWVERSION_SEQ} START WITH 1;")
    else:
        out.append(HEADER.format(flavour="SQL Server flavour (run with sqlcmd; GO separates batches)") +
                   "-- FILLFACTOR and default-constraint names of the export are not reproduced.")
    # Index names are per table in SQL Server but per schema in H2: make sure they don't clash.
    seen = {}
    for t in tables:
        for ix in t["indexes"]:
            key = ix["name"].lower()
            assert key not in seen, f"index name {ix['name']} in {t['name']} and {seen[key]}"
            seen[key] = t["name"]
    for t in tables:
        stmts = table_sql(t, dialect)
        if dialect == "sqlserver":
            stmts = [s + "\nGO" if not s.startswith("--") else s for s in stmts]
        out.append("\n".join(stmts))
    return "\n\n".join(out) + "\n"


def main():
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    tables = parse(src.read_text(encoding="utf-8"))
    for dialect in ("h2", "sqlserver"):
        path = MODULE / "src/main/resources/sl" / dialect / "schema.sql"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(tables, dialect), encoding="utf-8")
        print(f"wrote {path.relative_to(MODULE)}")
    for t in tables:
        print(f"  {t['name']:12} {len(t['cols']):4} cols  pk {t['pk_name']}({', '.join(t['pk'])})"
              f"  {len(t['indexes'])} idx  {sum(1 for c in t['cols'] if c['default'])} defaults")


if __name__ == "__main__":
    main()
