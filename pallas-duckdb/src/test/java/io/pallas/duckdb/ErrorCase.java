package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A query that must fail with an error name and message; named by its SQL in test reports. */
record ErrorCase(String sql, ErrorCode code, String message)
{
    /** Runs the query, which must fail with this case's error name; returns the failure's message. */
    String failureMessage(DuckDbEngine engine)
    {
        PallasException failure = catchThrowableOfType(PallasException.class, () -> QueryRunner.run(engine, sql));
        assertThat(failure).as("failure of %s", sql).isNotNull();
        assertThat(failure.errorCode()).as("error of %s", sql).isEqualTo(code);
        return failure.getMessage();
    }

    @Override
    public String toString()
    {
        return sql;
    }
}
