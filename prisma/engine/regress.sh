#!/bin/bash
# Runs every prisma command that needs the schema engine through prisma/engine/schema-engine.mjs,
# in a throwaway project (.shim-regress-<provider>/, git-ignored). Run it after every Prisma
# upgrade: a non-zero exit means a command no longer behaves as expected (about 20 s).
#   prisma/engine/regress.sh sqlite
#   REGRESS_PG_URL=postgresql://postgres@127.0.0.1:5432/gg_regress prisma/engine/regress.sh postgres
# (the postgres database is created, reset and left behind: point it at a throwaway one)
set -u
cd "$(dirname "$0")/../.."
export PRISMA_SCHEMA_ENGINE_BINARY=$PWD/prisma/engine/schema-engine.mjs CHECKPOINT_DISABLE=1
unset DATABASE_URL
P=${1:?usage: $0 sqlite|postgres}
W=.shim-regress-$P; rm -rf $W; mkdir -p $W/prisma
if [ $P = sqlite ]; then URL="file:./reg.db"; PROV=sqlite; else URL="${REGRESS_PG_URL:?set REGRESS_PG_URL to a throwaway postgres database URL}"; PROV=postgresql; fi
cat > $W/prisma.config.ts <<EOC
import { defineConfig } from "prisma/config";
export default defineConfig({ schema: "prisma/schema.prisma", migrations: { path: "prisma/migrations" }, datasource: { url: "$URL" } });
EOC
schema() { cat > $W/prisma/schema.prisma <<EOS
generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
}
datasource db {
  provider = "$PROV"
}
model User {
  id    String @id @default(cuid())
  email String @unique
  $1
  posts Post[]
}
model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId String
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
}
EOS
}
FAILED=0
# run EXPECTED_RC prisma-args...: prints rc, time and the interesting output line(s)
run() {
  local want=$1; shift
  local s=$(date +%s%N)
  (cd $W && timeout 120 ../node_modules/.bin/prisma "$@" > ../.shim-regress.out 2>&1); local rc=$?
  local verdict=ok; [ $rc = $want ] || { verdict=FAIL; FAILED=1; }
  printf '%-4s %-58s rc=%-3s %5dms  %s\n' $verdict "prisma $*" $rc $(( ($(date +%s%N) - s) / 1000000 )) "$(grep -E 'Error|error|sync|applied|created|Drift|up to date|CREATE|ALTER|empty|P30' .shim-regress.out | head -2 | tr '\n' ' ' | cut -c1-100)"
}
schema "name String?"
run 0 migrate dev --name init
schema "name String?
  bio  String?"
run 0 migrate dev --name add_bio
schema "name String  @default(\"anon\")
  bio  String?"
run 0 migrate dev --name required_name
schema "name String  @default(\"anon\")
  bio  String?
  age  Int?"
run 0 migrate dev --name add_age --create-only
run 0 migrate dev
run 0 migrate status
run 0 migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --script --exit-code
run 0 migrate diff --from-empty --to-schema prisma/schema.prisma --script
run 0 migrate reset --force
run 1 migrate resolve --applied 99999999999999_nonexistent # P3017: no such migration
echo 'SELECT 1;' > $W/q.sql
run 0 db execute --file q.sql
run 0 migrate deploy
run 0 db pull --print
n=$(ls -d $W/prisma/migrations/*/ | wc -l); echo "migrations: $n (want 4)"; [ "$n" = 4 ] || FAILED=1
rm -f .shim-regress.out
exit $FAILED
