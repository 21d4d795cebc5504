package io.pallas.duckdb;
