package io.pallas.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque NextToken of the simple list operations: a kind tag and a position, base64url-encoded. A token of
 * another kind, or one that does not decode, is not ours; callers answer it as malformed.
 */
public final class PageToken
{
    private PageToken() {}

    public static String encode(String kind, String position)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token of this kind carries, or empty when the token is not one we issued for it. */
    public static Optional<String> decode(String kind, String token)
    {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith(kind + ":") ? Optional.of(text.substring(kind.length() + 1)) : Optional.empty();
        }
        catch (IllegalArgumentException _) {
            return Optional.empty();
        }
    }

    /** The answer for a token that {@link #decode} refused, in the words Athena uses for list operations. */
    public static ApiException malformed(String token)
    {
        return ApiException.invalidInput("The nextPageToken is malformed: " + token);
    }
}
