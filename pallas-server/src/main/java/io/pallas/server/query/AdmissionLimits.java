package io.pallas.server.query;

import io.pallas.core.query.StatementType;

/**
 * How many queries may be active (queued or running) at once. Athena counts DML and DDL queries against separate
 * quotas; UTILITY statements count as DDL here, since Athena runs them on its DDL path.
 */
public record AdmissionLimits(int maxActiveDml, int maxActiveDdl)
{
    public AdmissionLimits
    {
        if (maxActiveDml < 1 || maxActiveDdl < 1) {
            throw new IllegalArgumentException("admission limits must be at least 1");
        }
    }

    public int limitFor(StatementType type)
    {
        return type == StatementType.DML ? maxActiveDml : maxActiveDdl;
    }
}
