#!/usr/bin/env bash
# Entry of the hooks in .pre-commit-hooks.yaml (language: script), run by pre-commit in the user's repository
# with the staged file names. A `language: node` hook would have pre-commit `npm pack` this repository, whose
# build scripts print to the stdout pre-commit reads the tarball name from; so no install here: the project's
# own leakproof (a devDependency) runs, else the published version of this checkout, through npx.
set -euo pipefail
if [ -x node_modules/.bin/leakproof ]; then
  exec node_modules/.bin/leakproof "$@"
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(node -p "require(process.argv[1]).version" "${here}/package.json")"
exec npx --yes "leakproof@${version}" "$@"
