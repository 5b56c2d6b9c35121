#!/usr/bin/env python3
"""Turns the statements one B1 lifecycle made the application send into bench/lifecycle.pgbench (B1-limit).

How the capture is made (see BENCHMARKS.md): on a bench-only database, as the postgres user,
  ALTER DATABASE xinfang_bench_small SET log_statement = 'all';
start the application, run one lifecycle with one client:
  java -cp postgresql.jar bench/Harness.java B1 --clients 1 --seconds 0 --warmup 0 --pgbench no ...
and cut the server log from before to after that run. Then:
  python3 bench/pgbench_from_log.py DATABASE < captured.log > bench/lifecycle.pgbench
(and ALTER DATABASE … RESET log_statement).

Kept: every statement of the lifecycle's requests (reads too: the token look-up, the matter reads, the calendar
checks), in order, grouped into the application's transactions (statements of one connection up to its COMMIT).
Left out: the token issuance before the lifecycle, the harness's own queries, the driver's one-time type look-ups,
and the background jobs (ShedLock, the notification dispatcher's polling), which run on a timer whatever the load.
Parameters become literals; what must differ per lifecycle becomes a pgbench variable: the new matter's id (from
INSERT … RETURNING), its tracking code (unique; made by xf_bench.tracking_code of a random number), the ids of the
documents issued and their numbers (from the numbering counter's RETURNING).
"""
import re
import sys

db = sys.argv[1]
LINE = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[(\d+)\] (\S*)@(\S*) (LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING):  (.*)$')

entries = []  # [pid, kind, text]
for raw in sys.stdin.read().split('\n'):
    m = LINE.match(raw)
    if m:
        entries.append([m.group(1), m.group(3), m.group(4), m.group(5)])
    elif entries and raw.startswith('\t'):
        entries[-1][3] += '\n' + raw[1:]

stmts = []  # dicts: pid, sql, params
for pid, database, kind, text in entries:
    if database != db:
        continue
    if kind == 'LOG':
        m = re.match(r'(?s)(?:execute [^:]*|statement): (.*)$', text)
        if m:
            stmts.append({'pid': pid, 'sql': m.group(1).strip(), 'params': {}})
    elif kind == 'DETAIL' and text.startswith('parameters: ') and stmts and stmts[-1]['pid'] == pid:
        body = text[len('parameters: '):]
        params = {}
        for pm in re.finditer(r"\$(\d+) = (NULL|'(?:[^']|'')*')", body, re.S):
            v = pm.group(2)
            params[int(pm.group(1))] = None if v == 'NULL' else v[1:-1].replace("''", "'")
        stmts[-1]['params'] = params

# the lifecycle starts with the first request after the last token was issued
last_token = max(i for i, s in enumerate(stmts) if s['sql'].startswith('INSERT INTO api_token'))
commit_after = next(i for i in range(last_token, len(stmts))
                    if stmts[i]['sql'] == 'COMMIT' and stmts[i]['pid'] == stmts[last_token]['pid'])
stmts = stmts[commit_after + 1:]

BACKGROUND = ('INSERT INTO shedlock', 'UPDATE shedlock', 'SELECT * FROM notification', 'SELECT code FROM unit WHERE code ~',
              'UPDATE xf_bench.meta', 'DELETE FROM submission_replay',
              # the pending-deadlines job (V12), on its timer
              'SELECT matter_id, rule_code FROM matter_deadline WHERE due_date IS NULL',
              'SELECT start_date, amount, unit FROM matter_deadline', 'SELECT amount, unit FROM matter_deadline_addition',
              # the audit sealer (V28), every second
              'SELECT audit_entry_seal(')
# the application's caches filled at first use (the capture is made right after a start): not per lifecycle
CACHE_LOAD = ('SELECT day, kind, name_zh FROM calendar_day', 'SELECT year FROM calendar_year',
              'SELECT code, name_zh, name_en, amount, unit, start_event, legal_basis FROM period_rule')
DRIVER = ('pg_catalog.pg_type', 'FROM pg_catalog.pg_type', "typinput='pg_catalog.array_in'")


def background(s):
    return s['sql'].startswith(BACKGROUND + CACHE_LOAD) or any(d in s['sql'] for d in DRIVER)


# transactions as logged: BEGIN (or BEGIN READ ONLY) … COMMIT on one connection; a statement outside one runs in
# autocommit. A transaction (or autocommit statement) with nothing but background work in it is dropped whole.
groups = {}  # pid -> current open group
ordered = []  # groups in order of their first statement
for s_ in stmts:
    pid = s_['pid']
    if s_['sql'].startswith('BEGIN'):
        groups[pid] = [s_]
        ordered.append(groups[pid])
    elif pid in groups:
        groups[pid].append(s_)
        if s_['sql'] in ('COMMIT', 'ROLLBACK'):
            del groups[pid]
    else:
        ordered.append([s_])
keep = []
for g in ordered:
    work = [k for k in g if not k['sql'].startswith(('BEGIN', 'COMMIT', 'ROLLBACK'))]
    if work and not all(background(k) for k in work) and not any(k['sql'].startswith('SET application_name')
                                                              for k in work):
        keep.extend(k for k in g if not background(k))

# variables: the matter id, its tracking code, issued documents and their numbers
matter_id = None
code = None
for i, s in enumerate(keep):
    if s['sql'].startswith('INSERT INTO matter (') and matter_id is None:
        code = s['params'][1]
        nxt = next(k for k in keep[i + 1:] if k['sql'].startswith('INSERT INTO petitioner'))
        matter_id = nxt['params'][1]
assert matter_id and code, 'no registration in the capture'
# the lifecycle ends with the COMMIT after the last statement about its matter; what follows is background work
last = max(i for i, k in enumerate(keep) if matter_id in k['params'].values() or code in k['params'].values())
end = next((i for i in range(last, len(keep)) if keep[i]['sql'] == 'COMMIT'), len(keep) - 1)
keep = [k for k in keep[:end + 1] if k['sql']]

out = ['-- B1-limit: the statements of one B1 lifecycle (register, assign, accept, assign handler, draft, approve,',
       '-- deliver, evaluate) as the application sent them, one pgbench transaction per lifecycle. Generated by',
       '-- bench/pgbench_from_log.py from a log_statement=all capture; see BENCHMARKS.md. Do not edit by hand.',
       # above the generated matters' ids; tracking_code() is a bijection below 8.2e14 and stays in bigint below 2e10
       '\\set b1_n random(100000000, 20000000000)',
       # the petitioner's ID number: its first ID_FIXED characters as captured, then 8 random digits
       '\\set b1_idn random(10000000, 99999999)',
       'SELECT xf_bench.tracking_code(:b1_n) AS b1_code \\gset']
values = {matter_id: ':b1_mid', code: ':b1_code'}
# the petitioner's ID number (18 characters; B1 registers 5201031985 and 8 digits of its own)
ID_FIXED = 10
petitioner = next(k for k in keep if k['sql'].startswith('INSERT INTO petitioner'))
id_number = next((v for v in petitioner['params'].values() if v and re.fullmatch(r'\d{17}[\dX]', v)), None)
assert id_number, 'no ID number in the registration'
# the units by code, so that the script runs on any database loaded by the generator (ids may differ)
registration = next(k for k in keep if k['sql'].startswith('INSERT INTO matter ('))
concerned_id, receiving_id = registration['params'][8], registration['params'][9]
institution = next(k['params'][1] for k in keep if k['sql'].startswith('SELECT id, code, name, parent_id')
                   and 'WHERE code = $1' in k['sql'])
out.append("SELECT id AS b1_concerned FROM unit WHERE code = '%s' \\gset" % institution)
out.append("SELECT id AS b1_receiving FROM unit WHERE code = '%s' \\gset" % institution.split('-')[0])
values[concerned_id] = ':b1_concerned'
values[receiving_id] = ':b1_receiving'
# not in the optimistic-lock check (the matter's version is a small number too)
NO_UNIT_IDS = ('UPDATE matter SET status',)
documents = 0
counters = 0
last_counter = None


def quoted(text):
    if re.search(r':\w', text):
        # pgbench would take ':34' of '04:34:51' for a variable: the colon is written as an escape instead
        return "E'" + text.replace('\\', '\\\\').replace("'", "''").replace(':', '\\x3a') + "'"
    return "'" + text.replace("'", "''") + "'"


def literal(v, statement=''):
    # variables stand bare (never inside quotes): pgbench runs the script with -M prepared, where each variable
    # becomes a parameter ($n) and PostgreSQL infers its type from where it stands
    if v is None:
        return 'NULL'
    if v in values and not (values[v] in (':b1_concerned', ':b1_receiving') and statement.startswith(NO_UNIT_IDS)):
        return values[v]
    if id_number and id_number in v:
        # the petitioner's ID number, also inside the advisory lock key of the repeat check ('id:…'): a new
        # petitioner per lifecycle, as B1 registers one, so that pgbench's clients neither queue on one lock nor
        # find a growing list of earlier matters of one person
        before, after = v.split(id_number, 1)
        return '(' + quoted(before + id_number[:ID_FIXED]) + ' || :b1_idn' + (' || ' + quoted(after) if after else '') + ')'
    if last_counter:
        m = re.match(r'^(.*〔\d{4}〕)(\d+)(号)$', v, re.S)
        if m:
            # concatenated: pgbench would read the following character (号) as part of the variable's name
            return "(" + quoted(m.group(1)) + " || :" + last_counter + " || " + quoted(m.group(3)) + ")"
    return quoted(v)


def render(s):
    sql = s['sql']
    params = s['params']
    # replace $n from the highest number down, so that $1 does not eat the start of $10
    for n in sorted(params, reverse=True):
        sql = re.sub(r'\$' + str(n) + r'(?!\d)', lambda _m: literal(params[n], s['sql']), sql)
    return sql


lines = []
for s in keep:
    sql = render(s)
    gset = ''
    if s['sql'].startswith('INSERT INTO matter (') and 'RETURNING' in s['sql']:
        gset = ' \\gset b1_m'
    if s['sql'].startswith('INSERT INTO document_counter'):
        counters += 1
        last_counter = 'b1_c%d_last_number' % counters
        gset = ' \\gset b1_c%d_' % counters
    if s['sql'].startswith('INSERT INTO document (') and 'RETURNING' in s['sql']:
        documents += 1
        gset = ' \\gset b1_d%d_' % documents
    lines.append(sql + (gset if gset else ';'))
    if s['sql'].startswith('INSERT INTO document (') and 'RETURNING' in s['sql']:
        # its id is what the next audit entry of entity type 'document' names
        i = keep.index(s)
        audit = next(k for k in keep[i + 1:] if k['sql'].startswith('INSERT INTO audit_entry')
                     and k['params'].get(4) == 'document')
        values[audit['params'][5]] = ':b1_d%d_id' % documents
for line in lines:
    out.append(line)
text = '\n'.join(out) + '\n'
sys.stdout.write(text)
