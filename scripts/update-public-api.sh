#!/usr/bin/env bash
# Rewrites src/HelmSharp/PublicAPI.Unshipped.txt from the code: run it after an intended change of the public API
# and review the diff (the build fails with RS0016/RS0017 on any public change the file does not list).
set -euo pipefail
cd "$(dirname "$0")/.."
printf '#nullable enable\n' > src/HelmSharp/PublicAPI.Unshipped.txt
dotnet format analyzers src/HelmSharp/HelmSharp.csproj --diagnostics RS0016 --severity info
# The file, sorted as the analyzer's code fix keeps it.
{ head -1 src/HelmSharp/PublicAPI.Unshipped.txt; tail -n +2 src/HelmSharp/PublicAPI.Unshipped.txt | LC_ALL=C sort; } > /tmp/publicapi.$$ && mv /tmp/publicapi.$$ src/HelmSharp/PublicAPI.Unshipped.txt
dotnet build src/HelmSharp/HelmSharp.csproj -v q
