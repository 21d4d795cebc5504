-- Bitwise. Add new queries at the end of the file: case ids are positions.
SELECT bitwise_and(12, 10), bitwise_or(12, 10), bitwise_xor(12, 10), bitwise_not(0), bitwise_not(-1);
SELECT bitwise_left_shift(1, 4), bitwise_right_shift(256, 4), bitwise_right_shift_arithmetic(-256, 4), bitwise_right_shift(-1, 60);
SELECT bit_count(7, 64), bit_count(-1, 64), bit_count(-1, 8), bit_count(255, 8);
SELECT bit_count(256, 8);
SELECT bitwise_left_shift(1, 63), bitwise_left_shift(1, 64);
SELECT bitwise_and(CAST(12 AS tinyint), CAST(10 AS tinyint)), typeof(bitwise_and(CAST(12 AS tinyint), CAST(10 AS tinyint)));
SELECT bitwise_and(NULL, 1), bitwise_not(NULL);
SELECT bitwise_xor(-9223372036854775807 - 1, 1);
SELECT bitwise_left_shift(CAST(1 AS integer), 31), bitwise_left_shift(CAST(1 AS tinyint), 7);
SELECT bitwise_right_shift_arithmetic(CAST(-8 AS integer), 1), bitwise_right_shift(CAST(-8 AS integer), 1);
SELECT bitwise_and_agg(x), bitwise_or_agg(x), bitwise_xor_agg(x) FROM (VALUES 5, 3, 6) AS t(x);
SELECT bitwise_and(5.5, 1);
SELECT bit_count(5, 65);
SELECT bitwise_not(CAST(0 AS smallint)), bitwise_or(CAST(1 AS smallint), 2);
SELECT bitwise_left_shift(-1, 1), bitwise_right_shift(1, 0);
