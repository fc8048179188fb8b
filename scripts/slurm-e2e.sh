#!/usr/bin/env bash
# scripts/slurm-e2e.sh: the sweep's end-to-end test on a real Slurm cluster of
# one node on localhost. It installs Debian's slurm-wlm and munge if needed
# (root, apt-get), starts munged, slurmctld and slurmd directly (no systemd),
# submits a small sweep with 'factorflow sweep --slurm' as a job array plus its
# merge job, waits, and checks that the merged tables equal those of the same
# sweep run locally. It stops the daemons it started. .ci/run runs it.
#   sudo bash scripts/slurm-e2e.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d /tmp/slurm-e2e.XXXXXX)"
pids=()
munge_pid=""
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	if [ -n "$munge_pid" ]; then kill "$munge_pid" 2>/dev/null || true; fi
	wait 2>/dev/null || true
}
trap cleanup EXIT
step() { printf '\n=== %s\n' "$*"; }

step "install slurm-wlm and munge"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge
fi
slurmctld -V

step "build factorflow"
go build -o "$work/factorflow" ./cmd/factorflow

step "start munged"
mkdir -p /run/munge /etc/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
	dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /run/munge /etc/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge && chmod 0400 /etc/munge/munge.key
runuser -u munge -- munged --force
for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
munge_pid="$(cat /run/munge/munged.pid)"
munge -n | unmunge >/dev/null

step "write slurm.conf"
host="$(hostname -s)"
node="$(slurmd -C | head -n 1)"
mkdir -p "$work/state" "$work/spool" "$work/log"
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=e2e
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
${node} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=e2e Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
cat "$SLURM_CONF"

step "start slurmctld and slurmd"
slurmctld -D -i &
pids+=($!)
sleep 2
slurmd -D &
pids+=($!)
for _ in $(seq 60); do
	if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then break; fi
	sleep 1
done
sinfo

step "a sweep, locally and as a job array"
cat >"$work/sweep.toml" <<'TOML'
scenario = "teaching"
design = "lhs"
samples = 6
replications = 2
seed = 11
years = 2
mode = "mean-field"
metrics = ["output", "theil"]
[[factors]]
path = "migration.rate"
min = 0.05
max = 0.2
TOML
"$work/factorflow" sweep "$work/sweep.toml" --out "$work/local" -j 2 --quiet
"$work/factorflow" sweep "$work/sweep.toml" --out "$work/cluster" --slurm --array-size 3 --time 0:10:00
bash "$work/cluster/sweep.sbatch"

step "wait for the jobs"
for _ in $(seq 300); do
	[ -z "$(squeue -h)" ] && break
	sleep 1
done
squeue
cat "$work"/cluster/slurm-*.out || true

step "compare"
for f in runs.csv runs.parquet sweep.json; do
	cmp "$work/local/$f" "$work/cluster/$f"
	echo "$f: identical"
done
echo "slurm-e2e: ok"
