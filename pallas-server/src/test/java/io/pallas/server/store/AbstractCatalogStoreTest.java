package io.pallas.server.store;

import io.pallas.core.catalog.CatalogException;
import io.pallas.core.catalog.CatalogException.Kind;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.DataCatalog;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.Table;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.pallas.core.catalog.CatalogException.Kind.ALREADY_EXISTS;
import static io.pallas.core.catalog.CatalogException.Kind.CONCURRENT_MODIFICATION;
import static io.pallas.core.catalog.CatalogException.Kind.INVALID;
import static io.pallas.core.catalog.CatalogException.Kind.NOT_EMPTY;
import static io.pallas.core.catalog.CatalogException.Kind.NOT_FOUND;
import static io.pallas.server.store.TestingCatalog.fullDatabase;
import static io.pallas.server.store.TestingCatalog.fullTable;
import static io.pallas.server.store.TestingCatalog.minimalDatabase;
import static io.pallas.server.store.TestingCatalog.minimalTable;
import static io.pallas.server.store.TestingCatalog.ordered;
import static io.pallas.server.store.TestingCatalog.partition;
import static io.pallas.server.store.TestingCatalog.successor;
import static io.pallas.server.store.TestingCatalog.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link CatalogStore} contract, run against every implementation. Each test gets a fresh, empty store;
 * {@link #openStore()} called again after the store was closed opens the same underlying database.
 */
public abstract class AbstractCatalogStoreTest
{
    protected CatalogStore store;

    /** Opens the store under test; a second call after {@link #closeStore()} must see the same data. */
    protected abstract CatalogStore openStore();

    @BeforeEach
    public void openFreshStore()
    {
        store = openStore();
    }

    @AfterEach
    public void closeStore()
            throws Exception
    {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
        store = null;
    }

    protected final void reopen()
            throws Exception
    {
        closeStore();
        store = openStore();
    }

    @Test
    public void databasesRoundTripEveryField()
    {
        assertThat(store.listDatabases()).isEmpty();
        store.createDatabase(fullDatabase("sales"));
        store.createDatabase(minimalDatabase("archive"));

        assertThat(store.getDatabase("sales")).contains(fullDatabase("sales"));
        assertThat(store.getDatabase("archive")).contains(minimalDatabase("archive"));
        assertThat(store.getDatabase("sales").orElseThrow().parameters().keySet()).containsExactly("zeta", "alpha", "mid", "empty");
        assertThat(store.listDatabases()).containsExactly(minimalDatabase("archive"), fullDatabase("sales"));
        assertThat(store.getDatabase("missing")).isEmpty();
    }

    @Test
    public void theStoreCreatesNoDefaultDatabase()
    {
        assertThat(store.getDatabase("default")).isEmpty();
        assertThat(store.listDatabases()).isEmpty();
    }

    @Test
    public void tablesRoundTripEveryField()
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));
        store.createTable(minimalTable("sales", "by_day"));

        Table full = store.getTable("sales", "orders").orElseThrow();
        assertThat(full).isEqualTo(fullTable("sales", "orders"));
        assertThat(full.parameters().keySet()).containsExactly("skip.header.line.count", "classification", "EXTERNAL");
        assertThat(full.storage().serDeInfo().parameters().keySet()).containsExactly("serialization.format", "field.delim", "escape.delim");
        assertThat(store.getTable("sales", "by_day")).contains(minimalTable("sales", "by_day"));
        assertThat(store.listTables("sales")).containsExactly(minimalTable("sales", "by_day"), fullTable("sales", "orders"));
        assertThat(store.getTable("sales", "missing")).isEmpty();
        assertThat(store.getTable("missing", "orders")).isEmpty();
    }

    @Test
    public void createTableStoresVersionOne()
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(withVersion(fullTable("sales", "orders"), 42));

        assertThat(store.getTable("sales", "orders")).contains(fullTable("sales", "orders"));
    }

    @Test
    public void partitionsRoundTripEveryField()
    {
        createPartitionedTable("sales", "orders");
        Partition partition = partition("sales", "orders", "2024", "01");
        store.addPartitions(List.of(partition), false);

        Partition stored = store.getPartition("sales", "orders", List.of("2024", "01")).orElseThrow();
        assertThat(stored).isEqualTo(partition);
        assertThat(stored.parameters().keySet()).containsExactly("numRows", "COLUMN_STATS_ACCURATE");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(partition);
        assertThat(store.getPartition("sales", "orders", List.of("2024", "02"))).isEmpty();
        assertThat(store.getPartition("sales", "missing", List.of("2024", "01"))).isEmpty();
    }

    @Test
    public void namesAreStoredAndComparedLowerCase()
    {
        store.createDatabase(fullDatabase("Sales"));
        store.createTable(fullTable("SALES", "Orders"));
        store.addPartitions(List.of(partition("Sales", "ORDERS", "2024", "01")), false);

        assertThat(store.getDatabase("sAlEs")).contains(fullDatabase("sales"));
        assertThat(store.listDatabases()).extracting(Database::name).containsExactly("sales");
        assertThat(store.getTable("sales", "ORDERS")).contains(fullTable("sales", "orders"));
        assertThat(store.listTables("SALES")).extracting(Table::name).containsExactly("orders");
        assertThat(store.getPartition("SALES", "Orders", List.of("2024", "01"))).contains(partition("sales", "orders", "2024", "01"));
        assertThat(store.listPartitions("Sales", "Orders")).containsExactly(partition("sales", "orders", "2024", "01"));
        // partition values are data, not names: their case is kept and matters
        assertThat(store.getPartition("sales", "orders", List.of("2024", "01")).orElseThrow().values()).containsExactly("2024", "01");

        assertCatalogFailure(() -> store.createDatabase(minimalDatabase("SALES")), ALREADY_EXISTS, "Database sales already exists");
        assertCatalogFailure(() -> store.createTable(minimalTable("sales", "ORDERS")), ALREADY_EXISTS, "Table sales.orders already exists");

        store.replaceTable(successor(fullTable("SALES", "ORDERS"), Map.of("k", "v")));
        assertThat(store.getTable("sales", "orders").orElseThrow().version()).isEqualTo(2);
        store.dropPartitions("SALES", "ORDERS", List.of(List.of("2024", "01")), false);
        store.dropTable("Sales", "Orders");
        store.dropDatabase("SaLeS", false);
        assertThat(store.listDatabases()).isEmpty();
    }

    @Test
    public void databaseErrors()
    {
        store.createDatabase(fullDatabase("sales"));

        assertCatalogFailure(() -> store.createDatabase(minimalDatabase("sales")), ALREADY_EXISTS, "Database sales already exists");
        assertThat(store.getDatabase("sales")).contains(fullDatabase("sales"));
        assertCatalogFailure(() -> store.replaceDatabase(minimalDatabase("missing")), NOT_FOUND, "Database missing not found");
        assertCatalogFailure(() -> store.dropDatabase("missing", false), NOT_FOUND, "Database missing not found");
        assertCatalogFailure(() -> store.dropDatabase("missing", true), NOT_FOUND, "Database missing not found");
        assertCatalogFailure(() -> store.listTables("missing"), NOT_FOUND, "Database missing not found");
        assertCatalogFailure(() -> store.createTable(minimalTable("missing", "t")), NOT_FOUND, "Database missing not found");
        assertThat(store.listDatabases()).containsExactly(fullDatabase("sales"));
    }

    @Test
    public void tableErrors()
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));

        assertCatalogFailure(() -> store.createTable(minimalTable("sales", "orders")), ALREADY_EXISTS, "Table sales.orders already exists");
        assertThat(store.getTable("sales", "orders")).contains(fullTable("sales", "orders"));
        assertCatalogFailure(() -> store.replaceTable(withVersion(minimalTable("sales", "missing"), 2)), NOT_FOUND, "Table sales.missing not found");
        assertCatalogFailure(() -> store.dropTable("sales", "missing"), NOT_FOUND, "Table sales.missing not found");
        assertCatalogFailure(() -> store.dropTable("missing", "orders"), NOT_FOUND, "Table missing.orders not found");
        assertCatalogFailure(() -> store.listPartitions("sales", "missing"), NOT_FOUND, "Table sales.missing not found");
        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "missing", "2024", "01")), true), NOT_FOUND, "Table sales.missing not found");
        assertCatalogFailure(() -> store.dropPartitions("sales", "missing", List.of(List.of("2024", "01")), true), NOT_FOUND, "Table sales.missing not found");
        assertCatalogFailure(() -> store.replacePartition(partition("sales", "missing", "2024", "01")), NOT_FOUND, "Table sales.missing not found");
    }

    @Test
    public void partitionErrors()
    {
        createPartitionedTable("sales", "orders");
        store.addPartitions(List.of(partition("sales", "orders", "2024", "01")), false);

        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "orders", "2024", "01")), false),
                ALREADY_EXISTS, "Partition [2024, 01] of table sales.orders already exists");
        assertCatalogFailure(() -> store.replacePartition(partition("sales", "orders", "2024", "02")),
                NOT_FOUND, "Partition [2024, 02] of table sales.orders not found");
        assertCatalogFailure(() -> store.dropPartitions("sales", "orders", List.of(List.of("2024", "02")), false),
                NOT_FOUND, "Partition [2024, 02] of table sales.orders not found");
        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "orders", "2024")), false),
                INVALID, "Partition [2024] does not match the 2 partition keys of table sales.orders");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(partition("sales", "orders", "2024", "01"));
    }

    @Test
    public void replaceDatabaseAndPartition()
    {
        store.createDatabase(minimalDatabase("sales"));
        store.replaceDatabase(fullDatabase("SALES"));
        assertThat(store.getDatabase("sales")).contains(fullDatabase("sales"));

        createPartitionedTable("sales", "orders");
        store.addPartitions(List.of(partition("sales", "orders", "2024", "01")), false);
        Partition moved = new Partition("sales", "orders", List.of("2024", "01"), TestingCatalog.minimalStorage(), ordered("b", "1", "a", "2"), TestingCatalog.UPDATED);
        store.replacePartition(moved);
        assertThat(store.getPartition("sales", "orders", List.of("2024", "01"))).contains(moved);
        assertThat(store.getPartition("sales", "orders", List.of("2024", "01")).orElseThrow().parameters().keySet()).containsExactly("b", "a");
    }

    @Test
    public void replaceTableNeedsTheNextVersion()
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));
        Table second = successor(fullTable("sales", "orders"), ordered("second", "yes"));
        store.replaceTable(second);
        assertThat(store.getTable("sales", "orders")).contains(second);

        // a writer that also read version 1 now writes a stale version 2
        assertCatalogFailure(() -> store.replaceTable(successor(fullTable("sales", "orders"), ordered("lost", "update"))),
                CONCURRENT_MODIFICATION, "Table sales.orders was modified concurrently: it is at version 2, but version 2 was written as its successor");
        assertCatalogFailure(() -> store.replaceTable(withVersion(second, 4)),
                CONCURRENT_MODIFICATION, "Table sales.orders was modified concurrently: it is at version 2, but version 4 was written as its successor");
        assertCatalogFailure(() -> store.replaceTable(withVersion(second, 1)),
                CONCURRENT_MODIFICATION, "Table sales.orders was modified concurrently: it is at version 2, but version 1 was written as its successor");
        assertThat(store.getTable("sales", "orders")).contains(second);

        Table third = successor(second, ordered("third", "yes"));
        store.replaceTable(third);
        assertThat(store.getTable("sales", "orders")).contains(third);
        assertThat(store.listTables("sales")).containsExactly(third);
    }

    @Test
    public void listsInNameOrder()
    {
        for (String name : List.of("m", "b_2", "z", "a", "b")) {
            store.createDatabase(minimalDatabase(name));
            store.createTable(minimalTable("m", name));
        }

        assertThat(store.listDatabases()).extracting(Database::name).containsExactly("a", "b", "b_2", "m", "z");
        assertThat(store.listTables("m")).extracting(Table::name).containsExactly("a", "b", "b_2", "m", "z");
        assertThat(store.listTables("a")).isEmpty();
    }

    @Test
    public void dropDatabaseRefusesNonEmptyUnlessCascade()
    {
        createPartitionedTable("sales", "orders");
        store.createTable(minimalTable("sales", "view"));
        store.addPartitions(List.of(partition("sales", "orders", "2024", "01"), partition("sales", "orders", "2024", "02")), false);
        createPartitionedTable("other", "orders");
        store.addPartitions(List.of(partition("other", "orders", "2024", "01")), false);

        assertCatalogFailure(() -> store.dropDatabase("sales", false), NOT_EMPTY, "Database sales is not empty");
        assertThat(store.listTables("sales")).hasSize(2);

        store.dropDatabase("sales", true);
        assertThat(store.getDatabase("sales")).isEmpty();
        assertThat(store.getTable("sales", "orders")).isEmpty();

        // nothing of the old tables comes back with a new database and table of the same names
        createPartitionedTable("sales", "orders");
        assertThat(store.listTables("sales")).extracting(Table::name).containsExactly("orders");
        assertThat(store.listPartitions("sales", "orders")).isEmpty();
        assertThat(store.listPartitions("other", "orders")).containsExactly(partition("other", "orders", "2024", "01"));

        store.dropTable("sales", "orders");
        store.dropDatabase("sales", false);
        store.createDatabase(minimalDatabase("empty"));
        store.dropDatabase("empty", true);
        assertThat(store.listDatabases()).extracting(Database::name).containsExactly("other");
    }

    @Test
    public void dropTableDropsItsPartitions()
    {
        createPartitionedTable("sales", "orders");
        store.createTable(fullTable("sales", "returns"));
        store.addPartitions(List.of(partition("sales", "orders", "2024", "01"), partition("sales", "returns", "2024", "01")), false);

        store.dropTable("sales", "orders");

        assertThat(store.getTable("sales", "orders")).isEmpty();
        assertThat(store.getPartition("sales", "orders", List.of("2024", "01"))).isEmpty();
        store.createTable(fullTable("sales", "orders"));
        assertThat(store.listPartitions("sales", "orders")).isEmpty();
        assertThat(store.listPartitions("sales", "returns")).containsExactly(partition("sales", "returns", "2024", "01"));
    }

    @Test
    public void partitionsAreListedInOrderOfTheirValues()
    {
        createPartitionedTable("sales", "orders");
        List<List<String>> values = List.of(
                List.of("2024", "9"),
                List.of("2024", "10"),
                List.of("2023", "12"),
                List.of("2024", "1"),
                List.of("", "x"),
                List.of("2024", ""),
                List.of("2024-1", "1"),
                List.of("2024", "1 "),
                List.of("é", "1"),
                List.of("Z", "1"));
        store.addPartitions(values.stream().map(list -> partition("sales", "orders", list.toArray(String[]::new))).toList(), false);

        assertThat(store.listPartitions("sales", "orders")).extracting(Partition::values).containsExactly(
                List.of("", "x"),
                List.of("2023", "12"),
                List.of("2024", ""),
                List.of("2024", "1"),
                List.of("2024", "1 "),
                List.of("2024", "10"),
                List.of("2024", "9"),
                List.of("2024-1", "1"),
                List.of("Z", "1"),
                List.of("é", "1"));
    }

    @Test
    public void partitionValuesAreKeptApart()
    {
        createPartitionedTable("sales", "orders");
        // lists that a naive concatenation or join of their values would confuse
        List<List<String>> values = List.of(
                List.of("a", "bc"),
                List.of("ab", "c"),
                List.of("a,b", "c"),
                List.of("a", "b,c"),
                List.of("a/", "b"),
                List.of("a", "/b"),
                List.of("a\u0000", "b"),
                List.of("a", "\u0000b"),
                List.of("a\u0001", "b"),
                List.of("a", "\u0001b"));
        store.addPartitions(values.stream().map(list -> partition("sales", "orders", list.toArray(String[]::new))).toList(), false);

        assertThat(store.listPartitions("sales", "orders")).hasSize(values.size());
        for (List<String> list : values) {
            assertThat(store.getPartition("sales", "orders", list).orElseThrow().values()).isEqualTo(list);
        }
        store.dropPartitions("sales", "orders", List.of(List.of("a", "bc")), false);
        assertThat(store.getPartition("sales", "orders", List.of("ab", "c"))).isPresent();
        assertThat(store.listPartitions("sales", "orders")).hasSize(values.size() - 1);
    }

    @Test
    public void addPartitionsIsAllOrNothing()
    {
        createPartitionedTable("sales", "orders");
        Partition existing = partition("sales", "orders", "2024", "01");
        store.addPartitions(List.of(existing), false);
        Partition replacement = new Partition("sales", "orders", List.of("2024", "01"), TestingCatalog.minimalStorage(), Map.of(), TestingCatalog.UPDATED);

        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "orders", "2024", "02"), replacement, partition("sales", "orders", "2024", "03")), false),
                ALREADY_EXISTS, "Partition [2024, 01] of table sales.orders already exists");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(existing);

        // the same partition twice in one call
        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "orders", "2024", "04"), partition("sales", "orders", "2024", "04")), false),
                ALREADY_EXISTS, "Partition [2024, 04] of table sales.orders already exists");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(existing);

        // a partition of a missing table spoils the call too
        assertCatalogFailure(() -> store.addPartitions(List.of(partition("sales", "orders", "2024", "05"), partition("sales", "missing", "2024", "05")), true),
                NOT_FOUND, "Table sales.missing not found");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(existing);

        // with ifNotExists an existing partition is skipped, keeping what is stored, and the rest are added
        store.addPartitions(List.of(partition("sales", "orders", "2024", "02"), replacement, partition("sales", "orders", "2024", "02"), partition("sales", "orders", "2024", "03")), true);
        assertThat(store.listPartitions("sales", "orders")).containsExactly(
                existing,
                partition("sales", "orders", "2024", "02"),
                partition("sales", "orders", "2024", "03"));
        store.addPartitions(List.of(), false);
        assertThat(store.listPartitions("sales", "orders")).hasSize(3);
    }

    @Test
    public void dropPartitionsIsAllOrNothing()
    {
        createPartitionedTable("sales", "orders");
        store.addPartitions(List.of(partition("sales", "orders", "2024", "01"), partition("sales", "orders", "2024", "02"), partition("sales", "orders", "2024", "03")), false);

        assertCatalogFailure(() -> store.dropPartitions("sales", "orders", List.of(List.of("2024", "01"), List.of("2024", "09"), List.of("2024", "02")), false),
                NOT_FOUND, "Partition [2024, 09] of table sales.orders not found");
        assertThat(store.listPartitions("sales", "orders")).hasSize(3);

        store.dropPartitions("SALES", "Orders", List.of(List.of("2024", "01"), List.of("2024", "09"), List.of("2024", "02")), true);
        assertThat(store.listPartitions("sales", "orders")).containsExactly(partition("sales", "orders", "2024", "03"));
    }

    /** Eight writers each read the same version and write its successor: exactly one of them wins each round. */
    @Test
    @Timeout(60)
    public void concurrentReplaceTableHasOneWinnerPerVersion()
            throws Exception
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));
        int threads = 8;
        int rounds = 20;
        CyclicBarrier read = new CyclicBarrier(threads);
        CyclicBarrier write = new CyclicBarrier(threads);
        List<Future<List<Long>>> writers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String writer = "writer-" + t;
                writers.add(executor.submit(() -> {
                    List<Long> won = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        read.await();
                        Table current = store.getTable("sales", "orders").orElseThrow();
                        // nobody writes until everyone has read
                        write.await();
                        try {
                            store.replaceTable(successor(current, Map.of("writer", writer)));
                            won.add(current.version() + 1);
                        }
                        catch (CatalogException e) {
                            assertThat(e.kind()).isEqualTo(CONCURRENT_MODIFICATION);
                        }
                    }
                    return won;
                }));
            }
        }
        List<Long> won = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
            won.addAll(writer.get());
        }

        Collections.sort(won);
        assertThat(won).containsExactlyElementsOf(LongStream.rangeClosed(2, rounds + 1).boxed().toList());
        assertThat(store.getTable("sales", "orders").orElseThrow().version()).isEqualTo(rounds + 1);
    }

    /** Eight writers increment a counter in the table's parameters, retrying on conflict: no increment is lost. */
    @Test
    @Timeout(60)
    public void concurrentReplaceTableWithRetriesLosesNoUpdate()
            throws Exception
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(withParameters(fullTable("sales", "orders"), Map.of("counter", "0")));
        int threads = 8;
        int increments = 25;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<Long>>> writers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                writers.add(executor.submit(() -> {
                    start.await();
                    List<Long> written = new ArrayList<>();
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Table current = store.getTable("sales", "orders").orElseThrow();
                            int counter = Integer.parseInt(current.parameters().get("counter"));
                            try {
                                store.replaceTable(successor(current, Map.of("counter", String.valueOf(counter + 1))));
                                written.add(current.version() + 1);
                                break;
                            }
                            catch (CatalogException e) {
                                assertThat(e.kind()).isEqualTo(CONCURRENT_MODIFICATION);
                                Thread.yield();
                            }
                        }
                    }
                    return written;
                }));
            }
        }
        List<Long> written = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
            written.addAll(writer.get());
        }

        Collections.sort(written);
        assertThat(written).containsExactlyElementsOf(LongStream.rangeClosed(2, threads * increments + 1).boxed().toList());
        Table last = store.getTable("sales", "orders").orElseThrow();
        assertThat(last.version()).isEqualTo(threads * increments + 1);
        assertThat(last.parameters()).containsEntry("counter", String.valueOf(threads * increments));
    }

    @Test
    public void catalogSurvivesReopening()
            throws Exception
    {
        store.createDatabase(fullDatabase("sales"));
        store.createDatabase(minimalDatabase("gone"));
        createPartitionedTable("sales", "orders");
        store.createTable(minimalTable("sales", "by_day"));
        Table second = successor(fullTable("sales", "orders"), ordered("z", "1", "a", "2"));
        store.replaceTable(second);
        store.addPartitions(List.of(partition("sales", "orders", "2024", "02"), partition("sales", "orders", "2024", "01")), false);
        store.dropDatabase("gone", false);

        reopen();

        assertThat(store.listDatabases()).containsExactly(fullDatabase("sales"));
        assertThat(store.listTables("sales")).containsExactly(minimalTable("sales", "by_day"), second);
        assertThat(store.getTable("sales", "orders").orElseThrow().parameters().keySet()).containsExactly("z", "a");
        assertThat(store.listPartitions("sales", "orders")).containsExactly(partition("sales", "orders", "2024", "01"), partition("sales", "orders", "2024", "02"));
        assertCatalogFailure(() -> store.replaceTable(successor(fullTable("sales", "orders"), Map.of())),
                CONCURRENT_MODIFICATION, "Table sales.orders was modified concurrently: it is at version 2, but version 2 was written as its successor");
        store.replaceTable(successor(second, Map.of()));
        assertThat(store.getTable("sales", "orders").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    public void dataCatalogsAreKeptCaseInsensitivelyAndSurviveReopening()
            throws Exception
    {
        DataCatalog glue = new DataCatalog("Mirror", DataCatalog.Type.GLUE, Optional.of("same Glue catalog"), ordered("catalog-id", "123456789012", "a", "b"),
                ordered("team", "data"), TestingCatalog.CREATED);
        DataCatalog lambda = new DataCatalog("dynamo", DataCatalog.Type.LAMBDA, Optional.empty(), Map.of("function", "arn:aws:lambda:us-east-1:1:function:f"),
                Map.of(), TestingCatalog.UPDATED);
        store.createDataCatalog(glue);
        store.createDataCatalog(lambda);
        assertCatalogFailure(() -> store.createDataCatalog(lambda), ALREADY_EXISTS, "Data catalog dynamo already exists");
        assertCatalogFailure(() -> store.createDataCatalog(new DataCatalog("MIRROR", DataCatalog.Type.HIVE, Optional.empty(), Map.of(), Map.of(), TestingCatalog.CREATED)),
                ALREADY_EXISTS, "Data catalog MIRROR already exists");
        assertThat(store.getDataCatalog("mirror")).contains(glue);
        assertThat(store.getDataCatalog("other")).isEmpty();
        assertThat(store.listDataCatalogs()).containsExactly(lambda, glue);

        DataCatalog updated = new DataCatalog("MIRROR", DataCatalog.Type.HIVE, Optional.empty(), Map.of("metadata-function", "arn"), Map.of("team", "data"), TestingCatalog.CREATED);
        store.replaceDataCatalog(updated);
        assertThat(store.getDataCatalog("Mirror").orElseThrow()).isEqualTo(new DataCatalog("Mirror", DataCatalog.Type.HIVE, Optional.empty(),
                Map.of("metadata-function", "arn"), Map.of("team", "data"), TestingCatalog.CREATED));
        assertCatalogFailure(() -> store.replaceDataCatalog(new DataCatalog("gone", DataCatalog.Type.GLUE, Optional.empty(), Map.of(), Map.of(), TestingCatalog.CREATED)),
                NOT_FOUND, "Data catalog gone not found");

        reopen();
        assertThat(store.listDataCatalogs()).extracting(DataCatalog::name).containsExactly("dynamo", "Mirror");
        assertThat(store.dropDataCatalog("DYNAMO")).isTrue();
        assertThat(store.dropDataCatalog("dynamo")).isFalse();
        assertThat(store.listDataCatalogs()).extracting(DataCatalog::name).containsExactly("Mirror");
    }

    private void createPartitionedTable(String database, String table)
    {
        if (store.getDatabase(database).isEmpty()) {
            store.createDatabase(minimalDatabase(database));
        }
        store.createTable(fullTable(database, table));
    }

    private static Table withParameters(Table table, Map<String, String> parameters)
    {
        return withVersion(successor(table, parameters), table.version());
    }

    protected static void assertCatalogFailure(ThrowingCallable call, Kind kind, String message)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }
}
