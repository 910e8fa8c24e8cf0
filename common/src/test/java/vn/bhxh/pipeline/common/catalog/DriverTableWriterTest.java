package vn.bhxh.pipeline.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogMode;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogSettings;
import vn.bhxh.pipeline.common.testing.DeltaTables;
import vn.bhxh.pipeline.common.testing.Rows;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * A table {@link DriverTableWriter} writes is the one a {@code DataFrame} write of the same rows
 * makes: compared with tables {@code DataFrameWriter} writes (definition, rows, each file's Parquet
 * schema and Delta statistics, history), not with values of this class's own.
 */
@SparkTier
class DriverTableWriterTest {
  // The kinds of columns the bookkeeping tables have: strings (one longer than the 32 characters
  // Delta's statistics keep), numbers, times, a null, an array and a map of non-null values.
  private static final StructType SCHEMA =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("rows_read", DataTypes.LongType, false)
          .add("ingested_at", DataTypes.TimestampType)
          .add("valid_from", DataTypes.DateType)
          .add("rejection_reason", DataTypes.StringType)
          .add("extra_columns", DataTypes.createArrayType(DataTypes.StringType, false))
          .add(
              "reason_counts",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path warehouse;
  private final SparkSession spark = SparkTestSession.get();

  private static List<Row> firstRun() {
    return List.of(
        Rows.row(
            "participation/2025-10/79.csv",
            13_460_000L,
            Timestamp.valueOf("2025-11-03 01:02:03.456"),
            Date.valueOf("2025-07-01"),
            null,
            List.of(),
            Map.of("invalid_period", 2L)),
        Rows.row(
            "benefits/2025-10/Thành phố Hồ Chí Minh và vùng lân cận.csv",
            2_030_000L,
            Timestamp.valueOf("2025-11-03 01:02:04"),
            null,
            "the header has no column province_code",
            List.of("note", "remark"),
            Map.of()));
  }

  private static List<Row> secondRun() {
    return List.of(
        Rows.row(
            "contributions/2025-11/01.csv",
            260_000L,
            Timestamp.valueOf("2025-12-01 00:00:00"),
            Date.valueOf("2024-01-01"),
            null,
            List.of(),
            Map.of()));
  }

  @Test
  void appendsMakeTheTableAndFilesDataFrameAppendsMake() throws Exception {
    Path ours = warehouse.resolve("ours");
    Path theirs = warehouse.resolve("theirs");

    for (List<Row> run : List.of(firstRun(), secondRun())) {
      assertThat(DriverTableWriter.write(spark, uri(ours), SCHEMA, run, SaveMode.Append)).isTrue();
      spark
          .createDataFrame(run, SCHEMA)
          .coalesce(1)
          .write()
          .format("delta")
          .mode(SaveMode.Append)
          .save(uri(theirs));
    }

    DeltaTables.assertDefinedAlike(ours, theirs);
    assertSameRows(rows(theirs), spark.read().format("delta").load(uri(ours)));
    assertThat(rows(ours)).hasSize(firstRun().size() + secondRun().size());
    assertSameFiles(ours, theirs);
    assertThat(history(ours)).isEqualTo(history(theirs));
  }

  @Test
  void anOverwriteReplacesEveryRowInOneCommitAsADataFrameOverwrite() throws Exception {
    Path ours = warehouse.resolve("ours");
    Path theirs = warehouse.resolve("theirs");

    SaveMode first = SaveMode.ErrorIfExists;
    for (List<Row> run : List.of(firstRun(), secondRun())) {
      assertThat(DriverTableWriter.write(spark, uri(ours), SCHEMA, run, SaveMode.Overwrite))
          .isTrue();
      spark
          .createDataFrame(run, SCHEMA)
          .coalesce(1)
          .write()
          .format("delta")
          .mode(first)
          .save(uri(theirs));
      first = SaveMode.Overwrite;
    }

    assertSameRows(rows(theirs), spark.read().format("delta").load(uri(ours)));
    assertThat(rows(ours)).hasSize(secondRun().size());
    assertThat(DeltaTables.latest(ours).version()).isEqualTo(1);
    assertSameFiles(ours, theirs);
    assertThat(history(ours)).isEqualTo(history(theirs));
  }

  @Test
  void aTableOfAnotherSchemaIsLeftToTheDataFrameWriteThatAddsTheColumn() {
    TableCatalog catalog =
        new TableCatalog(
            spark, warehouse.toString(), new CatalogSettings(CatalogMode.PATH, "bhxh_test"));
    StructType older = new StructType().add("path", DataTypes.StringType);
    spark
        .createDataFrame(List.of(Rows.row("benefits/2025-09/01.csv")), older)
        .write()
        .format("delta")
        .save(catalog.path("ingest_log"));

    boolean written =
        DriverTableWriter.write(
            spark, catalog.path("ingest_log"), SCHEMA, secondRun(), SaveMode.Append);
    long unchanged = DeltaTables.latest(warehouse.resolve("ingest_log")).version();
    catalog.appendRows(secondRun(), SCHEMA, "ingest_log");

    assertThat(written).isFalse();
    assertThat(unchanged).isZero();
    assertThat(
            catalog.read("ingest_log").select("path", "rows_read").orderBy("path").collectAsList())
        .containsExactly(
            Rows.row("benefits/2025-09/01.csv", null),
            Rows.row("contributions/2025-11/01.csv", 260_000L));
  }

  @Test
  void tablesThatAskMoreOfAWriteThanItsFilesAreLeftToDelta() {
    TableCatalog catalog =
        new TableCatalog(
            spark, warehouse.toString(), new CatalogSettings(CatalogMode.PATH, "bhxh_test"));
    for (String table : List.of("mapped", "checked")) {
      spark.createDataFrame(firstRun(), SCHEMA).write().format("delta").save(catalog.path(table));
    }
    spark.sql(
        "ALTER TABLE delta.`"
            + uri(warehouse.resolve("mapped"))
            + "` SET TBLPROPERTIES ('delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5',"
            + " 'delta.columnMapping.mode' = 'name')");
    spark.sql(
        "ALTER TABLE delta.`"
            + uri(warehouse.resolve("checked"))
            + "` ADD CONSTRAINT counted CHECK (rows_read >= 0)");
    List<Row> negative = List.of(Rows.row("x.csv", -1L, null, null, null, List.of(), Map.of()));

    for (String table : List.of("mapped", "checked")) {
      assertThat(
              DriverTableWriter.write(
                  spark, catalog.path(table), SCHEMA, secondRun(), SaveMode.Append))
          .as(table)
          .isFalse();
    }
    catalog.appendRows(secondRun(), SCHEMA, "mapped");
    assertThat(catalog.read("mapped").count()).isEqualTo(firstRun().size() + secondRun().size());
    assertThatThrownBy(() -> catalog.appendRows(negative, SCHEMA, "checked"))
        .hasMessageContaining("counted");
    assertThat(catalog.read("checked").count()).isEqualTo(firstRun().size());
  }

  @Test
  void noRowsCreateTheTableWithoutADataFile() {
    TableCatalog catalog =
        new TableCatalog(
            spark, warehouse.toString(), new CatalogSettings(CatalogMode.PATH, "bhxh_test"));

    catalog.appendRows(List.of(), SCHEMA, "runs");

    assertThat(DeltaTables.latest(warehouse.resolve("runs")).allFiles().count()).isZero();
    assertThat(catalog.read("runs").schema()).isEqualTo(SCHEMA.asNullable());
    assertThat(catalog.read("runs").count()).isZero();
  }

  private List<Row> rows(Path table) {
    return spark.read().format("delta").load(uri(table)).collectAsList();
  }

  /**
   * Each version added one file of the same Parquet schema (as Spark reads it back) and the same
   * Delta statistics in both tables.
   */
  private void assertSameFiles(Path ours, Path theirs) throws Exception {
    List<AddFile> mine = files(ours);
    List<AddFile> expected = files(theirs);
    assertThat(mine).hasSameSizeAs(expected);
    for (int i = 0; i < mine.size(); i++) {
      assertThat(parquetSchema(ours, mine.get(i)))
          .isEqualTo(parquetSchema(theirs, expected.get(i)));
      JsonNode stats = JSON.readTree(mine.get(i).stats());
      assertThat(stats).isEqualTo(JSON.readTree(expected.get(i).stats()));
      assertThat(stats.get("numRecords").asLong()).isPositive();
    }
  }

  /** The table's current files, in the order of the rows they hold (by their first path). */
  private List<AddFile> files(Path table) {
    List<AddFile> files = new ArrayList<>(DeltaTables.latest(table).allFiles().collectAsList());
    files.sort((a, b) -> minPath(a).compareTo(minPath(b)));
    return files;
  }

  private static String minPath(AddFile file) {
    try {
      return JSON.readTree(file.stats()).get("minValues").get("path").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private StructType parquetSchema(Path table, AddFile file) {
    return spark.read().parquet(table.resolve(file.path()).toUri().toString()).schema();
  }

  /** Per version: operation, mode, rows and files written, and whether it was a blind append. */
  private List<Row> history(Path table) {
    return io.delta.tables.DeltaTable.forPath(spark, uri(table))
        .history()
        .orderBy("version")
        .selectExpr(
            "version",
            "operation",
            "operationParameters['mode']",
            "operationParameters['partitionBy']",
            "operationMetrics['numFiles']",
            "operationMetrics['numOutputRows']",
            "isBlindAppend")
        .collectAsList();
  }

  private static String uri(Path table) {
    return table.toUri().toString();
  }
}
