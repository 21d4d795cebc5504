package io.pallas.duckdb;

import java.util.Locale;
import java.util.Set;

/**
 * The names of Trino's built-in functions, as Athena engine v3 registers them: a name outside this list fails
 * {@code FUNCTION_NOT_FOUND} at analysis, a name inside it that the printer cannot translate yet fails
 * {@code NOT_SUPPORTED}. Generous on purpose: a name listed wrongly only changes which of the two errors is reported.
 */
final class TrinoFunctions
{
    private static final Set<String> AGGREGATES = Set.of(
            "any_value", "approx_distinct", "approx_most_frequent", "approx_percentile", "approx_set", "arbitrary", "array_agg",
            "avg", "bitwise_and_agg", "bitwise_or_agg", "bitwise_xor_agg", "bool_and", "bool_or", "checksum", "convex_hull_agg",
            "corr", "count", "count_if", "covar_pop", "covar_samp", "every", "geometric_mean", "geometry_union_agg", "histogram",
            "kurtosis", "learn_classifier", "learn_libsvm_classifier", "learn_libsvm_regressor", "learn_regressor", "listagg",
            "make_set_digest", "map_agg", "map_union", "max", "max_by", "merge", "merge_set_digest", "min", "min_by",
            "multimap_agg", "numeric_histogram", "qdigest_agg", "reduce_agg", "regr_intercept", "regr_slope", "skewness",
            "stddev", "stddev_pop", "stddev_samp", "sum", "tdigest_agg", "var_pop", "var_samp", "variance", "evaluate_classifier_predictions");

    private static final Set<String> WINDOW = Set.of(
            "cume_dist", "dense_rank", "first_value", "lag", "last_value", "lead", "nth_value", "ntile", "percent_rank", "rank", "row_number");

    private static final Set<String> SCALARS = Set.of(
            "abs", "acos", "all_match", "any_match", "array_distinct", "array_except", "array_histogram", "array_intersect",
            "array_join", "array_max", "array_min", "array_position", "array_remove", "array_sort", "array_union", "arrays_overlap",
            "asin", "at_timezone", "atan", "atan2", "bar", "beta_cdf", "bit_count", "bitwise_and", "bitwise_left_shift",
            "bitwise_not", "bitwise_or", "bitwise_right_shift", "bitwise_right_shift_arithmetic", "bitwise_xor", "cardinality",
            "cbrt", "ceil", "ceiling", "char2hexint", "chr", "classify", "codepoint", "color", "combinations", "concat", "concat_ws",
            "contains", "contains_sequence", "cos", "cosh", "cosine_distance", "cosine_similarity", "crc32", "current_catalog",
            "current_date", "current_groups", "current_path", "current_schema", "current_time", "current_timestamp",
            "current_timezone", "current_user", "date", "date_add", "date_diff", "date_format", "date_parse", "date_trunc", "day",
            "day_of_month", "day_of_week", "day_of_year", "degrees", "dot_product", "dow", "doy", "e", "element_at",
            "empty_approx_set", "euclidean_distance", "exp", "fail", "features", "filter", "flatten", "floor", "format", "format_datetime",
            "format_number", "from_base", "from_base32", "from_base64", "from_base64url", "from_big_endian_32", "from_big_endian_64",
            "from_encoded_polyline", "from_geojson_geometry", "from_hex", "from_ieee754_32", "from_ieee754_64", "from_iso8601_date",
            "from_iso8601_timestamp", "from_iso8601_timestamp_nanos", "from_unixtime", "from_unixtime_nanos", "from_utf8",
            "great_circle_distance", "greatest", "hamming_distance", "hash_counts", "hmac_md5", "hmac_sha1", "hmac_sha256",
            "hmac_sha512", "hour", "human_readable_seconds", "index", "infinity", "intersection_cardinality", "inverse_beta_cdf",
            "inverse_normal_cdf", "is_finite", "is_infinite", "is_json_scalar", "is_nan", "jaccard_index", "jaro_winkler_similarity",
            "json_array_contains", "json_array_get", "json_array_length", "json_extract", "json_extract_scalar", "json_format",
            "json_parse", "json_size", "last_day_of_month", "least", "length", "levenshtein_distance", "line_interpolate_point",
            "line_interpolate_points", "line_locate_point", "ln", "localtime", "localtimestamp", "log", "log10", "log2", "lower",
            "lpad", "ltrim", "luhn_check", "map", "map_concat", "map_entries", "map_filter", "map_from_entries", "map_keys",
            "map_values", "map_zip_with", "md5", "millisecond", "minute", "mod", "month", "multimap_from_entries", "murmur3", "nan",
            "ngrams", "none_match", "normal_cdf", "normalize", "now", "objectid", "objectid_timestamp", "parse_data_size",
            "parse_datetime", "parse_duration", "pi", "position", "pow", "power", "quarter", "radians", "rand", "random", "reduce",
            "regexp_count", "regexp_extract", "regexp_extract_all", "regexp_like", "regexp_position", "regexp_replace",
            "regexp_split", "render", "repeat", "replace", "reverse", "rgb", "round", "rpad", "rtrim", "second", "sequence", "sha1",
            "sha256", "sha512", "shuffle", "sign", "simplify_geometry", "sin", "sinh", "slice", "soundex", "split", "split_part",
            "split_to_map", "split_to_multimap", "spooky_hash_v2_32", "spooky_hash_v2_64", "sqrt", "starts_with", "strpos",
            "strrpos", "substr", "substring", "t_cdf", "t_pdf", "tan", "tanh", "timestamp_objectid", "timezone", "timezone_hour",
            "timezone_minute", "to_base", "to_base32", "to_base64", "to_base64url", "to_big_endian_32", "to_big_endian_64",
            "to_char", "to_date", "to_encoded_polyline", "to_geojson_geometry", "to_geometry", "to_hex", "to_ieee754_32",
            "to_ieee754_64", "to_iso8601", "to_milliseconds", "to_spherical_geography", "to_timestamp", "to_unixtime", "to_utf8",
            "transform", "transform_keys", "transform_values", "translate", "trim", "trim_array", "truncate", "try", "typeof",
            "upper", "url_decode", "url_encode", "url_extract_fragment", "url_extract_host", "url_extract_parameter",
            "url_extract_path", "url_extract_port", "url_extract_protocol", "url_extract_query", "uuid", "value_at_quantile",
            "values_at_quantiles", "version", "week", "week_of_year", "width_bucket", "wilson_interval_lower",
            "wilson_interval_upper", "with_timezone", "word_stem", "xxhash64", "year", "year_of_week", "yow", "zip", "zip_with");

    /** Prefixes of the geospatial plugin's families, which Athena ships. */
    private static final Set<String> FAMILY_PREFIXES = Set.of("st_", "bing_tile", "geometry_", "spherical_");

    private TrinoFunctions() {}

    static boolean exists(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        return SCALARS.contains(lower) || AGGREGATES.contains(lower) || WINDOW.contains(lower)
                || FAMILY_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    static boolean isAggregate(String name)
    {
        return AGGREGATES.contains(name.toLowerCase(Locale.ROOT));
    }
}
