#!/usr/bin/env bash
# Usage: tools/scaffold/project.sh <apps|libs> <name> "<nx tags, comma-separated>" [referenced project paths...]
# Creates the package.json, tsconfig.json and jest.config.js every project in this workspace has.
set -euo pipefail
dir=$1; name=$2; tags=$3; shift 3
root="$dir/$name"
mkdir -p "$root/src"
tag_json=$(printf '%s' "$tags" | awk -F, '{for(i=1;i<=NF;i++) printf "%s\"%s\"", (i>1?", ":""), $i}')
cat > "$root/package.json" <<JSON
{
  "name": "@jetjobs/$name",
  "version": "0.1.0",
  "private": true,
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "nx": { "tags": [$tag_json] }
}
JSON
refs=""
for r in "$@"; do refs="$refs${refs:+, }{ \"path\": \"../../$r\" }"; done
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "composite": true,
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/tsconfig.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts"],
  "references": [$refs]
}
JSON
cat > "$root/jest.config.js" <<JS
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '$name',
  rootDir: __dirname,
};
JS
[ -f "$root/src/index.ts" ] || echo "export {};" > "$root/src/index.ts"
