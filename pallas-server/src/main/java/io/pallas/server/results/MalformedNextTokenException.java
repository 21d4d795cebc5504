package io.pallas.server.results;

import static java.util.Objects.requireNonNull;

/** A NextToken this server did not issue for the query; Athena answers {@code Malformed nextPageToken <token>}. */
public class MalformedNextTokenException
        extends RuntimeException
{
    private final String token;

    public MalformedNextTokenException(String token)
    {
        super("Malformed nextPageToken " + requireNonNull(token, "token is null"));
        this.token = token;
    }

    public String token()
    {
        return token;
    }
}
