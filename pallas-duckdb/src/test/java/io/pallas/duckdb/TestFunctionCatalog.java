package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.sql.TrinoSqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SHOW FUNCTIONS lists exactly the functions the translation accepts, with Trino 476's signatures. */
class TestFunctionCatalog
{
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static Set<String> listedNames()
    {
        return FunctionCatalog.listed().stream().map(FunctionCatalog.Signature::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether the translation accepts calls of the function: a call with no arguments either translates or fails for
     * its arguments, never with "not registered" or the printer's "not supported" answer for the whole function.
     */
    private static boolean printerAccepts(String name)
    {
        try {
            DuckDbPrinter.translate(PARSER.parse("SELECT \"" + name + "\"()"));
            return true;
        }
        catch (PallasException e) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (e.errorCode() == ErrorCode.FUNCTION_NOT_FOUND && e.getMessage().endsWith("Function '" + lower + "' not registered")) {
                return false;
            }
            return !(e.errorCode() == ErrorCode.NOT_SUPPORTED
                    && (e.getMessage().equals("Function is not supported yet: " + lower) || e.getMessage().equals(lower + " is not supported yet")
                    || e.getMessage().equals("Function " + lower + " is not supported yet")));
        }
    }

    @Test
    void everyListedFunctionIsRegisteredAndTranslated()
    {
        Set<String> names = listedNames();
        assertThat(names).contains("abs", "count", "date_add", "json_extract_scalar", "row_number", "transform", "regexp_extract", "max_by");
        for (String name : names) {
            // the analyzer knows the name (quoted, so that names with a syntax of their own parse as calls): a call fails, if at all, for its arguments, not with FUNCTION_NOT_FOUND "not registered"
            try {
                QueryRunner.run(ENGINE.engine(), "SELECT \"" + name + "\"()");
            }
            catch (PallasException e) {
                assertThat(e.getMessage()).as(name).doesNotContain("not registered").doesNotContain("Function is not supported yet");
            }
            assertThat(printerAccepts(name)).as(name).isTrue();
        }
    }

    @Test
    void everyTranslatedTrinoFunctionIsListed()
    {
        Set<String> accepted = FunctionCatalog.trino().stream()
                .filter(signature -> !signature.kind().equals("table"))
                .map(FunctionCatalog.Signature::name)
                .filter(TestFunctionCatalog::printerAccepts)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = listedNames();
        assertThat(accepted.stream().filter(name -> !listed.contains(name)).toList()).as("translated but not listed").isEmpty();
        assertThat(listed.stream().filter(name -> !accepted.contains(name)).toList()).as("listed but not translated").isEmpty();
    }

    @Test
    void functionsRefusedWholeAreNotListed()
    {
        assertThat(listedNames()).doesNotContain("word_stem", "from_unixtime_nanos", "st_point", "exclude_columns", "try");
        assertThat(printerAccepts("word_stem")).isFalse();
        assertThat(printerAccepts("st_point")).isFalse();
    }

    @Test
    void signaturesAreTrinosInTrinosOrder()
    {
        List<FunctionCatalog.Signature> abs = FunctionCatalog.listed(Optional.of("abs"), Optional.empty());
        assertThat(abs).extracting(FunctionCatalog.Signature::argumentTypes)
                .containsExactly("bigint", "decimal(p,s)", "double", "integer", "real", "smallint", "tinyint");
        assertThat(abs).allSatisfy(signature -> {
            assertThat(signature.returnType()).isEqualTo(signature.argumentTypes());
            assertThat(signature.kind()).isEqualTo("scalar");
            assertThat(signature.deterministic()).isTrue();
        });
        assertThat(FunctionCatalog.listed(Optional.of("rand"), Optional.empty())).allSatisfy(signature -> assertThat(signature.deterministic()).isFalse());
        assertThat(FunctionCatalog.listed(Optional.of("row_number"), Optional.empty())).extracting(FunctionCatalog.Signature::kind).containsExactly("window");
        assertThat(FunctionCatalog.listed(Optional.of("count_if"), Optional.empty())).extracting(FunctionCatalog.Signature::kind).containsOnly("aggregate");
        List<String> names = FunctionCatalog.listed().stream().map(FunctionCatalog.Signature::name).toList();
        assertThat(names).isSorted();
    }

    @Test
    void likeFiltersByName()
    {
        assertThat(FunctionCatalog.listed(Optional.of("ABS"), Optional.empty())).isEmpty();
        assertThat(FunctionCatalog.listed(Optional.of("%agg"), Optional.empty()))
                .extracting(FunctionCatalog.Signature::name)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).endsWith("agg"))
                .contains("array_agg", "map_agg");
        assertThat(FunctionCatalog.listed(Optional.of("day_of_wee_"), Optional.empty()))
                .extracting(FunctionCatalog.Signature::name).containsOnly("day_of_week");
        // without ESCAPE, _ matches any character: day_of_month; with it, only a literal _
        assertThat(FunctionCatalog.listed(Optional.of("day#_%"), Optional.of("#")))
                .extracting(FunctionCatalog.Signature::name).containsOnly("day_of_month", "day_of_week", "day_of_year");
        assertThat(FunctionCatalog.listed(Optional.of("da_"), Optional.empty())).extracting(FunctionCatalog.Signature::name).containsOnly("day");
        assertThatThrownBy(() -> FunctionCatalog.listed(Optional.of("a#b"), Optional.of("#")))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FUNCTION_ARGUMENT));
        assertThatThrownBy(() -> FunctionCatalog.listed(Optional.of("a"), Optional.of("##")))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FUNCTION_ARGUMENT));
    }

    @Test
    void showFunctionsRunsOnTheEngine()
    {
        QueryRunner.Result result = QueryRunner.run(ENGINE.engine(), "SHOW FUNCTIONS LIKE 'date\\_%' ESCAPE '\\'");
        assertThat(result.names()).containsExactly("Function", "Return Type", "Argument Types", "Function Type", "Deterministic", "Description");
        assertThat(result.types()).containsOnly("varchar");
        assertThat(result.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat((String) row.get(0)).startsWith("date_");
            assertThat(row.get(4)).isIn("true", "false");
            assertThat(row.get(5)).isEqualTo("");
        });
        assertThat(result.rows()).extracting(row -> row.get(0)).contains("date_add", "date_trunc");
    }
}
