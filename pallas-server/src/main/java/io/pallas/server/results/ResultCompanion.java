package io.pallas.server.results;

import io.pallas.core.query.StatementType;

import java.util.Set;

/**
 * Which {@code .metadata} companion a statement's result object gets (contract §5.1, §5.4). Column-less DDL has
 * none; ALTER TABLE ADD / REPLACE COLUMNS and MSCK REPAIR TABLE have one that holds only the query id (38 bytes);
 * everything else has the full one, with the columns.
 */
public enum ResultCompanion
{
    NONE,
    QUERY_ID,
    COLUMNS;

    private static final Set<String> QUERY_ID_ONLY = Set.of("ALTER_TABLE_ADD_COLUMN", "ALTER_TABLE_REPLACE_COLUMN", "MSCK_REPAIR");

    public static ResultCompanion forStatement(StatementType statementType, String substatementType)
    {
        if (statementType != StatementType.DDL || substatementType.equals("CREATE_TABLE_AS_SELECT")) {
            return COLUMNS;
        }
        return QUERY_ID_ONLY.contains(substatementType) ? QUERY_ID : NONE;
    }
}
