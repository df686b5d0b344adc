#!/usr/bin/env bash
# The company on one ledger: the webshop (Hummingbird, over HTTP) and the B2B portal (one JSON
# request per line on its standard input) record into one ledger, and the DPO's `pdl` answers an
# access request and an erasure request while both keep running.
#
#   Examples/Scripts/company-on-one-ledger.sh file       # one ledger directory on this machine
#   Examples/Scripts/company-on-one-ledger.sh postgres   # one PostgreSQL ledger
#
# `file`: the three programs are three writer processes on one directory (each commit takes the
# writers' lock), and after the erasure no file of the directory holds Kari's values. `postgres`:
# starts a throwaway PostgreSQL 15 with Integrations/PostgresLedgerStore/Scripts/with-postgres.sh
# unless POSTGRES_PORT names a running one, and after the erasure no file of the cluster holds a
# personal value in plaintext. Builds WebshopBackend, B2BPortal and pdl (or pdl-postgres) when they
# are not built yet (debug, each in its package's own .build, as CI's earlier steps leave them),
# and removes the services, the ledger and the cluster afterwards. Every check that fails stops
# the script with a line saying which, and a non-zero exit status.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-}
case $mode in
    file | postgres) ;;
    *)
        echo "usage: $0 file|postgres" >&2
        exit 2
        ;;
esac
if [[ $mode == postgres && -z ${POSTGRES_PORT:-} ]]; then
    exec "$repo/Integrations/PostgresLedgerStore/Scripts/with-postgres.sh" "$0" "$@"
fi
name="company-on-one-ledger ($mode)"

work=$(mktemp -d /tmp/company-on-one-ledger.XXXXXX)
webshop_pid=
portal_pid=
cleanup() {
    exec 3>&- 2>/dev/null || true
    for pid in $webshop_pid $portal_pid; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
step() { printf -- '-- %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
fail() {
    echo "$name: FAILED: $1" >&2
    for log in "$work"/*.log; do [[ -s $log ]] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
    exit 1
}

# The programs, built in their own packages' build folders (nothing is rebuilt when CI built them).
# A failed build stops the script (errexit does not reach into $(...)): never an older binary.
built() {
    swift build --package-path "$repo/$1" --product "$2" >&2 || return 1
    printf '%s/%s\n' "$(swift build --package-path "$repo/$1" --show-bin-path)" "$2"
}
command -v curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
if [[ $mode == file ]]; then
    step "building (when needed) pdl, WebshopBackend, B2BPortal"
    pdl=$(built . pdl)
else
    step "building (when needed) pdl-postgres, WebshopBackend, B2BPortal"
    pdl=$(built Integrations/PostgresLedgerStore pdl-postgres)
fi
webshop=$(built Examples/WebshopBackend WebshopBackend)
portal=$(built Examples/B2BPortal B2BPortal)

# The DPO's pdl; no command may hang the script.
dpo() { timeout 120 "$pdl" "$@"; }

# One ledger: every program below is pointed at it the same way.
if [[ $mode == file ]]; then
    export PDL_STORE=$work/ledger
    step "the DPO creates the company's ledger directory"
    dpo init > "$work/init.log" 2>&1 || fail "pdl init"
    [[ $(stat -c %a "$PDL_STORE") == 700 ]] || fail "the ledger directory is not mode 0700"
else
    export PDL_STORE="postgres://$POSTGRES_USER@$POSTGRES_HOSTNAME:$POSTGRES_PORT/$POSTGRES_DB?schema=company&sslmode=disable"
    export PGPASSWORD=$POSTGRES_PASSWORD
    export PDL_KEY_FILE=$work/ledger.key
    step "the DPO creates the company's ledger and its key file"
    dpo init > "$work/init.log" 2>&1 || fail "pdl init"
    [[ $(stat -c %a "$PDL_KEY_FILE") == 600 ]] || fail "the key file is not mode 0600"
fi

step "starting the webshop and the B2B portal on the one ledger"
# The webshop's callers: the checkout records, the DPO's desk reads reports (mode 0600, as the
# webshop requires; removed with $work).
service_token=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
dpo_token=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
(umask 077 && printf 'service checkout %s\ndpo dpo-desk %s\n' "$service_token" "$dpo_token" > "$work/webshop.tokens")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$webshop" --port "$port" --tokens-file "$work/webshop.tokens" > "$work/webshop.log" 2>&1 &
webshop_pid=$!
mkfifo "$work/portal.in"
"$portal" --serve < "$work/portal.in" > "$work/portal.out" 2> "$work/portal.log" &
portal_pid=$!
exec 3> "$work/portal.in"
shop="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    # Any HTTP answer (404 for /) means the webshop listens; it records nothing.
    [[ $(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$shop/" || true) != 000 ]] && break
    kill -0 "$webshop_pid" 2>/dev/null || fail "the webshop stopped while starting"
    sleep 0.5
done

running() {
    kill -0 "$webshop_pid" 2>/dev/null || fail "the webshop is not running ($1)"
    kill -0 "$portal_pid" 2>/dev/null || fail "the B2B portal is not running ($1)"
}

# post PATH JSON: a write to the webshop that must answer 201.
post() {
    local status
    status=$(curl -s --max-time 60 -o "$work/answer.json" -w '%{http_code}' -X POST "$shop$1" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $service_token" -d "$2")
    [[ $status == 201 ]] || fail "POST $1 answered $status: $(cat "$work/answer.json")"
}

# ask JSON: one request to the portal; prints its answer line (the portal answers each line with
# one line, in order; the count is read from the file, so this works in a subshell too).
ask() {
    local answers
    answers=$(($(wc -l < "$work/portal.out") + 1))
    printf '%s\n' "${1//$'\n'/ }" >&3 # one request per line: the JSON's own line breaks become spaces
    for _ in $(seq 1 240); do
        (($(wc -l < "$work/portal.out") >= answers)) && break
        kill -0 "$portal_pid" 2>/dev/null || fail "the B2B portal stopped"
        sleep 0.25
    done
    (($(wc -l < "$work/portal.out") >= answers)) || fail "the B2B portal did not answer within 60 s"
    sed -n "${answers}p" "$work/portal.out"
}
# record JSON: a write to the portal that must answer with its facts.
record() {
    local answer
    answer=$(ask "$1")
    [[ $answer == '{"facts":['* ]] || fail "the portal refused a write: $answer"
}

# The people. Kari is a webshop customer and Nordlys Foto AS's contact person; Ola and Per are
# the people whose data must survive Kari's erasure untouched.
kari_values=("Kari Nordmann" "kari.nordmann@example.no" "Storgata 1, 0155 Oslo" "kari@nordlysfoto.example.no" "+4791234567")
ola_email=ola.nordmann@example.no
per_email=per@nordlysfoto.example.no

step "the webshop records orders, a consent and a shipment (curl)"
post /orders '{"customer": "customer:10001", "order": "order:50017",
  "data": {"name": "Kari Nordmann", "email": "kari.nordmann@example.no", "deliveryAddress": "Storgata 1, 0155 Oslo"}}'
post /consents '{"customer": "customer:10001", "purpose": "contactRegister", "decision": "given",
  "channel": "checkout-checkbox", "evidence": "form:checkout-v3"}'
post /shipments '{"customer": "customer:10001", "order": "order:50017", "carrier": "carrier",
  "categories": ["name", "deliveryAddress"]}'
post /orders "{\"customer\": \"customer:10002\", \"order\": \"order:50018\",
  \"data\": {\"name\": \"Ola Nordmann\", \"email\": \"$ola_email\"}}"

step "the B2B portal registers Nordlys Foto AS's contact people and links Kari to her webshop account"
record '{"register": {"id": "b2b:nordlys-foto:rep-1", "company": "Nordlys Foto AS", "name": "Kari Nordmann",
  "email": "kari@nordlysfoto.example.no", "phone": "+47 912 34 567"}}'
record "{\"register\": {\"id\": \"b2b:nordlys-foto:rep-2\", \"company\": \"Nordlys Foto AS\", \"name\": \"Per Hansen\",
  \"email\": \"$per_email\", \"phone\": \"+47 934 56 789\"}}"
record '{"link": {"representative": "b2b:nordlys-foto:rep-1", "customer": "customer:10001"}}'
running "after recording"

step "the DPO answers Kari's access request while both services run"
dpo requests receive gdpr-access-1 --subject b2b:nordlys-foto:rep-1 --kind access > "$work/requests.log" 2>&1 \
    || fail "pdl requests receive (access)"
dpo report b2b:nordlys-foto:rep-1 > "$work/report-before.txt" 2> "$work/report.log" || fail "pdl report"
for expected in "${kari_values[@]}" webshop.orders b2b.portal "Nordlys Foto AS" Carrier; do
    grep -qF "$expected" "$work/report-before.txt" \
        || fail "the access report lacks '$expected': it must show what both services recorded"
done
for other in "$ola_email" "$per_email"; do
    if grep -qF "$other" "$work/report-before.txt"; then fail "Kari's access report shows another person's data"; fi
done
dpo requests close gdpr-access-1 --note "access report sent" >> "$work/requests.log" 2>&1 \
    || fail "pdl requests close (access)"
running "after the access request"

step "the DPO answers Kari's erasure request while both services run"
dpo requests receive gdpr-erasure-1 --subject b2b:nordlys-foto:rep-1 --kind erasure >> "$work/requests.log" 2>&1 \
    || fail "pdl requests receive (erasure)"
dpo erase b2b:nordlys-foto:rep-1 > "$work/erase.txt" 2> "$work/erase.log" || fail "pdl erase"
dpo requests close gdpr-erasure-1 --note "erased in full, the carrier told" >> "$work/requests.log" 2>&1 \
    || fail "pdl requests close (erasure)"
running "after the erasure"

step "checking the erasure: no report, from pdl or from either service, shows Kari's values"
dpo report b2b:nordlys-foto:rep-1 > "$work/report-after.txt" 2>> "$work/report.log" || fail "pdl report after"
# The DPO's report from the webshop: 404 when the erasure took Kari's webshop identifier too, else
# a report without her values; either way none of them.
status=$(curl -s --max-time 60 -o "$work/webshop-after.json" -w '%{http_code}' -H "Authorization: Bearer $dpo_token" \
    "$shop/privacy/subjects/customer:10001/report")
[[ $status == 200 || $status == 404 ]] || fail "the webshop's report answered $status: $(cat "$work/webshop-after.json")"
# Without the DPO's token the webshop shows no one's report.
status=$(curl -s --max-time 60 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $service_token" \
    "$shop/privacy/subjects/customer:10002/report")
[[ $status == 403 ]] || fail "the webshop answered the service's report request with $status, not 403"
ask '{"report": {"representative": "b2b:nordlys-foto:rep-1"}}' > "$work/portal-after.json"
grep -qF '{"report":' "$work/portal-after.json" || fail "the portal's report: $(cat "$work/portal-after.json")"
for file in report-after.txt webshop-after.json portal-after.json; do
    for value in "${kari_values[@]}"; do
        if grep -qF "$value" "$work/$file"; then fail "$file still shows one of Kari's erased values"; fi
    done
done
dpo verify > "$work/verify.log" 2>&1 || fail "pdl verify after the erasure"

step "both services still work, and the others' data is untouched"
post /orders '{"customer": "customer:10003", "order": "order:50019", "data": {"email": "nils.hansen@example.no"}}'
curl -sf --max-time 60 -H "Authorization: Bearer $dpo_token" "$shop/privacy/subjects/customer:10002/report" \
    > "$work/ola.json" || fail "the webshop's report of Ola"
grep -qF "$ola_email" "$work/ola.json" || fail "the webshop lost Ola's data"
record '{"register": {"id": "b2b:nordlys-foto:rep-3", "company": "Nordlys Foto AS", "name": "Liv Berg",
  "email": "liv@nordlysfoto.example.no", "phone": "+47 945 67 890"}}'
ask '{"report": {"representative": "b2b:nordlys-foto:rep-2"}}' > "$work/per.json"
grep -qF "$per_email" "$work/per.json" || fail "the portal lost Per's data"
dpo report customer:10003 > "$work/nils.txt" 2>> "$work/report.log" || fail "pdl report of the new customer"
grep -qF nils.hansen@example.no "$work/nils.txt" || fail "pdl does not see what the webshop recorded after the erasure"
dpo report b2b:nordlys-foto:rep-3 > "$work/liv.txt" 2>> "$work/report.log" || fail "pdl report of the new representative"
grep -qF liv@nordlysfoto.example.no "$work/liv.txt" || fail "pdl does not see what the portal recorded after the erasure"

if [[ $mode == file ]]; then
    step "Kari's values are physically gone from the ledger's files; the others' are still there"
    for value in "${kari_values[@]}"; do
        if grep -rqF "$value" "$PDL_STORE"; then fail "one of Kari's erased values is still in a file of the ledger"; fi
    done
    grep -rqF "$ola_email" "$PDL_STORE" || fail "the byte search does not find Ola's email, which is kept"
else
    step "no plaintext value in the database cluster's files (tables, WAL)"
    if [[ -n ${POSTGRES_DATA_DIRECTORY:-} && -r ${POSTGRES_DATA_DIRECTORY:-} ]]; then
        for value in "${kari_values[@]}" "$ola_email" "$per_email" nils.hansen@example.no; do
            if grep -rqF "$value" "$POSTGRES_DATA_DIRECTORY"; then fail "a personal value is in the cluster's files"; fi
        done
    else
        echo "(skipped: the cluster's data directory is not readable by this user)"
    fi
fi

step "stopping both services"
exec 3>&-
wait "$portal_pid" || fail "the B2B portal exited with an error when its input ended"
portal_pid=
kill -TERM "$webshop_pid"
wait "$webshop_pid" || fail "the webshop exited with an error on SIGTERM"
webshop_pid=
dpo verify > "$work/verify.log" 2>&1 || fail "pdl verify at the end"
echo "$name: two services and the DPO on one ledger: every check passed"
