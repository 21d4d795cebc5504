package io.pallas.server.results;

import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultMetadataCodecTest
{
    private static final String QUERY_ID = "5a1d7e3c-9b8a-4c1e-8f2d-0123456789ab";

    @Test
    void bigintColumnLayout()
    {
        byte[] bytes = ResultMetadataCodec.encode(ResultMetadata.forColumns("q", List.of(new Column("rows", SqlType.BIGINT))));
        ByteArrayOutputStream column = new ByteArrayOutputStream();
        column.writeBytes(bytes(0x0A, 4));
        column.writeBytes("hive".getBytes(UTF_8));
        column.writeBytes(bytes(0x22, 4));
        column.writeBytes("rows".getBytes(UTF_8));
        column.writeBytes(bytes(0x2A, 4));
        column.writeBytes("rows".getBytes(UTF_8));
        column.writeBytes(bytes(0x32, 6));
        column.writeBytes("bigint".getBytes(UTF_8));
        column.writeBytes(bytes(0x38, 19, 0x40, 0, 0x48, 3, 0x50, 0));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes(0x0A, 1, 'q', 0x22, column.size()));
        expected.writeBytes(column.toByteArray());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(HexFormat.of().formatHex(expected.toByteArray()));
    }

    @Test
    void fieldPresenceByType()
    {
        assertThat(columnFields(SqlType.varchar(12))).isEqualTo("hive|v|v|varchar|7=12|8=0|9=3|10=1");
        assertThat(columnFields(SqlType.VARCHAR)).isEqualTo("hive|v|v|varchar|7=2147483647|8=0|9=3|10=1");
        assertThat(columnFields(SqlType.decimal(10, 2))).isEqualTo("hive|v|v|decimal|7=10|8=2|9=3|10=0");
        assertThat(columnFields(SqlType.REAL)).isEqualTo("hive|v|v|float|7=17|8=0|9=3|10=0");
        assertThat(columnFields(SqlType.timestamp(6))).isEqualTo("hive|v|v|timestamp|7=3|8=0|9=3|10=0");
        assertThat(columnFields(SqlType.DATE)).isEqualTo("hive|v|v|date|8=0|9=3|10=0");
        assertThat(columnFields(SqlType.BOOLEAN)).isEqualTo("hive|v|v|boolean|9=3|10=0");
        assertThat(columnFields(SqlType.INTERVAL_YEAR_TO_MONTH)).isEqualTo("hive|v|v|interval year to month|9=3|10=0");
        assertThat(columnFields(SqlType.array(SqlType.INTEGER))).isEqualTo("hive|v|v|array|9=3");
        assertThat(columnFields(SqlType.JSON)).isEqualTo("hive|v|v|json|9=3");
        assertThat(columnFields(SqlType.UUID)).isEqualTo("hive|v|v|uuid|9=3");
    }

    @Test
    void queryIdOnlyIs38Bytes()
    {
        byte[] bytes = ResultMetadataCodec.encode(ResultMetadata.forColumns(QUERY_ID, List.of()));
        assertThat(bytes).hasSize(38);
        assertThat(ResultMetadataCodec.decode(bytes)).isEqualTo(ResultMetadata.forColumns(QUERY_ID, List.of()));
    }

    @Test
    void updateTypeWithoutCount()
    {
        ResultMetadata metadata = new ResultMetadata("20260917_085344_00007_k6s5b", Optional.of("DROP TABLE"), OptionalLong.empty(), List.of());
        byte[] bytes = ResultMetadataCodec.encode(metadata);
        assertThat(bytes).hasSize(41);
        assertThat(ResultMetadataCodec.decode(bytes)).isEqualTo(metadata);
    }

    @Test
    void updateCountRoundTrip()
    {
        ResultMetadata metadata = new ResultMetadata(QUERY_ID, Optional.of("INSERT"), OptionalLong.of(0), List.of(ResultColumn.of(new Column("rows", SqlType.BIGINT))));
        byte[] bytes = ResultMetadataCodec.encode(metadata);
        // field 3 is written even for a zero count
        assertThat(HexFormat.of().formatHex(bytes)).contains("494e534552541800");
        assertThat(ResultMetadataCodec.decode(bytes)).isEqualTo(metadata);

        ResultMetadata large = new ResultMetadata(QUERY_ID, Optional.of("INSERT"), OptionalLong.of(10_000_000_000L), List.of());
        assertThat(ResultMetadataCodec.decode(ResultMetadataCodec.encode(large))).isEqualTo(large);
    }

    @Test
    void everyTypeRoundTrips()
    {
        List<SqlType> types = List.of(
                SqlType.BOOLEAN, SqlType.TINYINT, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT, SqlType.REAL, SqlType.DOUBLE,
                SqlType.decimal(38, 10), SqlType.VARCHAR, SqlType.varchar(5), SqlType.charType(3), SqlType.VARBINARY, SqlType.DATE,
                SqlType.time(3), SqlType.timeWithTimeZone(3), SqlType.TIMESTAMP, SqlType.timestampWithTimeZone(6),
                SqlType.INTERVAL_DAY_TO_SECOND, SqlType.INTERVAL_YEAR_TO_MONTH, SqlType.array(SqlType.VARCHAR),
                SqlType.map(SqlType.VARCHAR, SqlType.INTEGER), SqlType.row(List.of(Optional.of("a")), List.of(SqlType.INTEGER)),
                SqlType.JSON, SqlType.UUID, SqlType.UNKNOWN);
        List<Column> columns = types.stream().map(type -> new Column("c_" + type.kind().name().toLowerCase() + " ü", type)).toList();
        ResultMetadata metadata = ResultMetadata.forColumns(QUERY_ID, columns);
        ResultMetadata decoded = ResultMetadataCodec.decode(ResultMetadataCodec.encode(metadata));
        assertThat(decoded).isEqualTo(metadata);
        for (int i = 0; i < types.size(); i++) {
            ResultColumn column = decoded.columns().get(i);
            SqlType type = types.get(i);
            assertThat(column.name()).isEqualTo(columns.get(i).name());
            assertThat(column.label()).isEqualTo(column.name());
            assertThat(column.catalogName()).isEqualTo("hive");
            assertThat(column.type()).isEqualTo(type.columnInfoType());
            assertThat(column.precision()).isEqualTo(type.columnInfoPrecision());
            assertThat(column.scale()).isEqualTo(type.columnInfoScale());
            assertThat(column.caseSensitive()).isEqualTo(type.caseSensitive());
            assertThat(column.nullableName()).isEqualTo("UNKNOWN");
        }
    }

    @Test
    void explainColumnKeepsItsPrecision()
    {
        ResultMetadata metadata = new ResultMetadata(QUERY_ID, Optional.empty(), OptionalLong.empty(), List.of(ResultColumn.of("Query Plan", "varchar", 371, 0, true)));
        assertThat(ResultMetadataCodec.decode(ResultMetadataCodec.encode(metadata))).isEqualTo(metadata);
    }

    @Test
    void skipsUnknownFields()
    {
        byte[] known = ResultMetadataCodec.encode(ResultMetadata.forColumns("q", List.of(new Column("a", SqlType.INTEGER))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bytes(0x78, 0x96, 0x01)); // field 15 varint 150
        bytes.writeBytes(bytes(0x81, 0x01, 1, 2, 3, 4, 5, 6, 7, 8)); // field 16 fixed64
        bytes.writeBytes(bytes(0x8A, 0x01, 2, 'x', 'y')); // field 17 bytes
        bytes.writeBytes(bytes(0x95, 0x01, 1, 2, 3, 4)); // field 18 fixed32
        bytes.writeBytes(known);
        assertThat(ResultMetadataCodec.decode(bytes.toByteArray())).isEqualTo(ResultMetadataCodec.decode(known));
    }

    @Test
    void rejectsMalformedBytes()
    {
        byte[] valid = ResultMetadataCodec.encode(ResultMetadata.forColumns("q", List.of(new Column("a", SqlType.INTEGER))));
        for (int length = 1; length < valid.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(valid, length);
            if (length == 3) {
                continue; // the id alone is a complete message
            }
            assertThatThrownBy(() -> ResultMetadataCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ResultMetadataCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultMetadataCodec.decode(bytes(0x0B))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultMetadataCodec.decode(bytes(0x08, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String columnFields(SqlType type)
    {
        byte[] bytes = ResultMetadataCodec.encode(ResultMetadata.forColumns("q", List.of(new Column("v", type))));
        // skip field 1 (3 bytes) and the column's tag and length
        int position = 5;
        StringBuilder out = new StringBuilder();
        while (position < bytes.length) {
            int tag = bytes[position++];
            int field = tag >>> 3;
            long value = 0;
            int shift = 0;
            while (true) {
                int b = bytes[position++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (!out.isEmpty()) {
                out.append('|');
            }
            if ((tag & 7) == 2) {
                out.append(new String(bytes, position, (int) value, UTF_8));
                position += (int) value;
            }
            else {
                out.append(field).append('=').append(value);
            }
        }
        return out.toString();
    }

    private static byte[] bytes(int... values)
    {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
