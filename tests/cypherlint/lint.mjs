// Neo4j's own Cypher grammar over a batch of queries, in one Node process.
// stdin: a JSON list of query strings; stdout: a JSON list, per query, of its error
// messages (severity 1), without "Parameter $x is not defined" (values are parameters).
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const queries = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const undefinedParameter = /^Parameter \$\w+ is not defined\.?$/;
const results = queries.map((query) =>
  lintCypherQuery(query, {})
    .diagnostics.filter((d) => d.severity === 1 && !undefinedParameter.test(d.message))
    .map((d) => d.message),
);
process.stdout.write(JSON.stringify(results));
