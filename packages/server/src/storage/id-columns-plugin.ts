/**
 * Drivers return 64-bit integers as BigInt (SQLite with safe integers, PostgreSQL int8) so snowflakes never lose
 * precision. This plugin hands them to the rest of the server as the wire form: id columns (`id`, `*_id`) become
 * decimal strings, every other integer (counts, timestamps, flags) a plain number.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

const isIdColumn = (name: string) => name === "id" || name.endsWith("_id");

function convertRow(row: UnknownRow): UnknownRow {
  for (const key in row) {
    const value = row[key];
    if (typeof value === "bigint") row[key] = isIdColumn(key) ? value.toString() : Number(value);
  }
  return row;
}

export class IdColumnsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) convertRow(row);
    return args.result;
  }
}
