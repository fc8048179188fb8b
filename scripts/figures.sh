#!/usr/bin/env bash
# scripts/figures.sh: regenerates the figures that the README shows, under
# docs/figures/, from a run of a shipped scenario (jing-jin-ji, seed 1, --synergy, its
# default 35 years), and the tomahawk of the shipped core-periphery scenario
# that docs/models.md shows. The same code gives the same bytes, so a diff
# after running it means the model or the plots changed.
#   bash scripts/figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d /tmp/factorflow-figures.XXXXXX)"
trap 'rm -rf "$work"' EXIT

go build -o "$work/factorflow" ./cmd/factorflow
"$work/factorflow" run jing-jin-ji --seed 1 --synergy --quiet --out "$work/run" >/dev/null
"$work/factorflow" plot "$work/run" --format png --out "$work/figures" >/dev/null

mkdir -p docs/figures
for name in population urbanisation metrics; do
	cp "$work/figures/$name.png" "docs/figures/jing-jin-ji-$name.png"
	echo "docs/figures/jing-jin-ji-$name.png"
done

"$work/factorflow" bifurcation core-periphery --param core_periphery.phi --from 0.05 --to 0.25 --steps 40 \
	--format png --out "$work/bifurcation" >/dev/null
cp "$work/bifurcation/tomahawk.png" docs/figures/core-periphery-tomahawk.png
echo docs/figures/core-periphery-tomahawk.png
