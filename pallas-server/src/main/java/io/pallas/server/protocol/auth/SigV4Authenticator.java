package io.pallas.server.protocol.auth;

import io.pallas.server.protocol.ApiException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Verifies AWS Signature Version 4 in the {@code Authorization} header, and answers failures with the error
 * names and messages AWS JSON services use. The presigned (query-string) form is not supported.
 *
 * <p>The path given to {@link #authenticate} must be the path as sent on the wire (still percent-encoded): the
 * SDKs of services other than S3 encode it once more for the canonical request.
 */
public final class SigV4Authenticator
        implements RequestAuthenticator
{
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String TERMINATOR = "aws4_request";
    private static final DateTimeFormatter BASIC_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final AccessKeys accessKeys;
    private final SequencedSet<String> services;
    private final Optional<String> region;
    private final Clock clock;

    /**
     * @param services the service names a credential scope may name, e.g. {@code athena}
     * @param region the region a credential scope must name; empty to accept any
     */
    public SigV4Authenticator(AccessKeys accessKeys, Set<String> services, Optional<String> region, Clock clock)
    {
        this.accessKeys = requireNonNull(accessKeys, "accessKeys is null");
        this.services = new LinkedHashSet<>(services.stream().sorted().toList());
        this.region = requireNonNull(region, "region is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (this.services.isEmpty()) {
            throw new IllegalArgumentException("services is empty");
        }
    }

    @Override
    public void authenticate(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body)
    {
        String header = first(headers, "authorization")
                .orElseThrow(() -> ApiException.of("MissingAuthenticationTokenException", 403, "Missing Authentication Token"));
        Optional<String> amzDateHeader = first(headers, "x-amz-date");
        Optional<String> dateHeader = first(headers, "date");
        Authorization authorization = Authorization.parse(header, amzDateHeader.isPresent() || dateHeader.isPresent());

        String amzDate;
        Instant requestTime;
        if (amzDateHeader.isPresent()) {
            amzDate = amzDateHeader.get().strip();
            requestTime = parseDate(amzDate, BASIC_FORMAT);
        }
        else {
            requestTime = parseDate(dateHeader.orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
            amzDate = BASIC_FORMAT.format(requestTime);
        }

        CredentialScope scope = authorization.scope();
        if (!scope.date().equals(amzDate.substring(0, 8))) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'."
                    .formatted(scope.date(), amzDate.substring(0, 8), amzDate));
        }
        if (!services.contains(scope.service())) {
            throw invalidSignature("Credential should be scoped to correct service: '%s'. ".formatted(String.join("' or '", services)));
        }
        if (region.isPresent() && !region.get().equals(scope.region())) {
            throw invalidSignature("Credential should be scoped to a valid region, not '%s'. ".formatted(scope.region()));
        }
        checkSkew(amzDate, requestTime);

        AccessKeys.Credential credential = accessKeys.lookup(scope.accessKeyId())
                .orElseThrow(() -> ApiException.of("UnrecognizedClientException", 400, INVALID_TOKEN));
        Optional<String> token = first(headers, "x-amz-security-token");
        if (credential.sessionToken().isPresent() && (token.isEmpty() || !constantTimeEquals(token.get(), credential.sessionToken().get()))) {
            throw ApiException.of("UnrecognizedClientException", 400, INVALID_TOKEN);
        }
        if (token.isPresent() && !authorization.signedHeaders().contains("x-amz-security-token")) {
            throw invalidSignature(SIGNATURE_MISMATCH);
        }

        String payloadHash = HEX.formatHex(sha256(body));
        Optional<String> declaredHash = first(headers, "x-amz-content-sha256");
        if (declaredHash.isPresent() && !declaredHash.get().strip().equalsIgnoreCase(payloadHash)) {
            throw invalidSignature(SIGNATURE_MISMATCH);
        }

        String canonicalRequest = canonicalRequest(method, path, rawQuery, headers, authorization.signedHeaders(), payloadHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope.scope() + "\n" + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = HEX.formatHex(hmac(signingKey(credential.secretAccessKey(), scope), stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidSignature(SIGNATURE_MISMATCH);
        }
    }

    private void checkSkew(String amzDate, Instant requestTime)
    {
        Instant now = clock.instant();
        Instant earliest = now.minus(MAX_SKEW);
        Instant latest = now.plus(MAX_SKEW);
        if (requestTime.isBefore(earliest)) {
            throw invalidSignature("Signature expired: %s is now earlier than %s (%s - 15 min.)"
                    .formatted(amzDate, BASIC_FORMAT.format(earliest), BASIC_FORMAT.format(now)));
        }
        if (requestTime.isAfter(latest)) {
            throw invalidSignature("Signature not yet current: %s is still later than %s (%s + 15 min.)"
                    .formatted(amzDate, BASIC_FORMAT.format(latest), BASIC_FORMAT.format(now)));
        }
    }

    static String canonicalRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, List<String> signedHeaders, String payloadHash)
    {
        StringBuilder request = new StringBuilder()
                .append(method).append('\n')
                .append(canonicalUri(path)).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            String value = headers.getOrDefault(name, List.of()).stream()
                    .map(SigV4Authenticator::canonicalHeaderValue)
                    .collect(Collectors.joining(","));
            request.append(name).append(':').append(value).append('\n');
        }
        return request.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(payloadHash)
                .toString();
    }

    private static String canonicalUri(String rawPath)
    {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        // the SDKs of non-S3 services encode the already encoded path segments a second time
        return Arrays.stream(rawPath.split("/", -1))
                .map(SigV4Authenticator::uriEncode)
                .collect(Collectors.joining("/"));
    }

    private static String canonicalQuery(String rawQuery)
    {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(uriEncode(percentDecode(name)), uriEncode(percentDecode(value))));
        }
        return parameters.stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(parameter -> parameter.getKey() + "=" + parameter.getValue())
                .collect(Collectors.joining("&"));
    }

    private static String canonicalHeaderValue(String value)
    {
        StringBuilder collapsed = new StringBuilder(value.length());
        boolean space = false;
        for (char c : value.strip().toCharArray()) {
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space) {
                collapsed.append(' ');
                space = false;
            }
            collapsed.append(c);
        }
        return collapsed.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, with upper-case hex, as SigV4 wants. */
    static String uriEncode(String value)
    {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    // unlike URLDecoder, '+' stays '+': SigV4 clients send a space as %20
    private static String percentDecode(String value)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && HexFormat.isHexDigit(value.charAt(i + 1)) && HexFormat.isHexDigit(value.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            }
            else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] signingKey(String secretAccessKey, CredentialScope scope)
    {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        return hmac(key, TERMINATOR);
    }

    private static byte[] hmac(byte[] key, String data)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static boolean constantTimeEquals(String left, String right)
    {
        return MessageDigest.isEqual(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant parseDate(String value, DateTimeFormatter format)
    {
        try {
            return Instant.from(format.parse(value.strip()));
        }
        catch (DateTimeParseException e) {
            throw incompleteSignature("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601".formatted(value));
        }
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name)
    {
        return headers.getOrDefault(name, List.of()).stream().findFirst();
    }

    private static ApiException invalidSignature(String message)
    {
        return ApiException.of("InvalidSignatureException", 400, message);
    }

    private static ApiException incompleteSignature(String message)
    {
        return ApiException.of("IncompleteSignatureException", 400, message);
    }

    record CredentialScope(String accessKeyId, String date, String region, String service)
    {
        String scope()
        {
            return String.join("/", date, region, service, TERMINATOR);
        }
    }

    record Authorization(CredentialScope scope, List<String> signedHeaders, String signature)
    {
        static Authorization parse(String header, boolean hasDate)
        {
            String value = header.strip();
            int space = value.indexOf(' ');
            String algorithm = space < 0 ? value : value.substring(0, space);
            if (!algorithm.equals(ALGORITHM)) {
                throw incompleteSignature("Unsupported AWS 'algorithm': '%s'. Only '%s' is supported. Authorization=%s".formatted(algorithm, ALGORITHM, header));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String part : value.substring(space + 1).split(",")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    parameters.putIfAbsent(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
                }
            }

            List<String> missing = new ArrayList<>();
            for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
                if (parameters.getOrDefault(name, "").isEmpty()) {
                    missing.add("Authorization header requires '%s' parameter.".formatted(name));
                }
            }
            if (!hasDate) {
                missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
            }
            if (!missing.isEmpty()) {
                throw incompleteSignature(String.join(" ", missing) + " Authorization=" + header);
            }

            String credential = parameters.get("Credential");
            String[] parts = credential.split("/", -1);
            if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
                throw incompleteSignature("Credential should be of the form '<AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request', not '%s'. Authorization=%s"
                        .formatted(credential, header));
            }
            if (!parts[4].equals(TERMINATOR)) {
                throw incompleteSignature("Credential should be scoped with a valid terminator: '%s', not '%s'. Authorization=%s".formatted(TERMINATOR, parts[4], header));
            }

            List<String> signedHeaders = Arrays.stream(parameters.get("SignedHeaders").split(";"))
                    .map(name -> name.strip().toLowerCase(Locale.ROOT))
                    .toList();
            if (!signedHeaders.contains("host")) {
                throw incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
            }
            return new Authorization(new CredentialScope(parts[0], parts[1], parts[2], parts[3]), signedHeaders, parameters.get("Signature"));
        }
    }
}
