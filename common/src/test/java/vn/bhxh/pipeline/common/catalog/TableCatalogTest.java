package vn.bhxh.pipeline.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogMode;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogSettings;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.testing.Rows;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class TableCatalogTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("n", DataTypes.LongType);

  @TempDir Path warehouse;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void replaceWhereReplacesExactlyTheSlice() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.replaceWhere(
        rows(row("2023-10", "54", 1), row("2023-10", "56", 2), row("2023-11", "54", 3)),
        "t",
        "period = '2023-10'",
        "period");

    catalog.replaceWhere(
        rows(row("2023-10", "54", 10)), "t", "period = '2023-10' AND province_code = '54'");

    assertSameRows(
        SCHEMA,
        List.of(row("2023-10", "54", 10), row("2023-10", "56", 2), row("2023-11", "54", 3)),
        catalog.read("t"));
  }

  @Test
  void aWriteOutsideTheConditionFailsAndChangesNothing() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.replaceWhere(rows(row("2023-10", "54", 1)), "t", "period = '2023-10'", "period");

    assertThatThrownBy(
            () -> catalog.replaceWhere(rows(row("2023-11", "54", 9)), "t", "period = '2023-10'"))
        .isInstanceOf(Exception.class);
    assertSameRows(List.of(row("2023-10", "54", 1)), catalog.read("t"));
  }

  @Test
  void replaceWhereAddsANewNullableColumnAndEarlierSlicesReadItAsNull() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.replaceWhere(
        rows(row("2023-10", "54", 1), row("2023-11", "54", 2)), "t", "period >= ''", "period");
    StructType wider = SCHEMA.add("m", DataTypes.LongType);
    catalog.replaceWhere(
        Rows.frame(wider, Rows.row("2023-11", "54", 20L, 7L)), "t", "period = '2023-11'");

    assertSameRows(
        wider,
        List.of(Rows.row("2023-10", "54", 1L, null), Rows.row("2023-11", "54", 20L, 7L)),
        catalog.read("t"));
    assertSameRows( // the same through the listed files
        wider,
        List.of(Rows.row("2023-10", "54", 1L, null), Rows.row("2023-11", "54", 20L, 7L)),
        catalog.readListed("t"));
  }

  @Test
  void propertiesAreSetOnATableOfARelativeWarehouse() throws Exception {
    // The command line may name a relative warehouse; SQL names a path-based table only by an
    // absolute path, so a relative one was taken for a catalogue table and not found.
    Path relative = Path.of("").toAbsolutePath().relativize(warehouse.toAbsolutePath());
    TableCatalog catalog =
        new TableCatalog(
            spark, relative.toString(), new CatalogSettings(CatalogMode.PATH, "bhxh_test"));
    catalog.createIfMissing("t", SCHEMA, "period");

    catalog.ensureProperties("t", Map.of("delta.dataSkippingStatsColumns", "province_code"));

    assertThat(
            DeltaLog.forTable(spark, warehouse.resolve("t").toString())
                .update(false, Option.empty(), Option.empty())
                .metadata()
                .configuration()
                .get("delta.dataSkippingStatsColumns")
                .get())
        .isEqualTo("province_code");
  }

  @Test
  void registerAllMakesEveryDeltaFolderReadableByName() throws Exception {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.append(rows(row("2023-10", "54", 1)), "alpha");
    catalog.overwrite(rows(row("2023-10", "56", 2)), "beta");
    Files.createDirectories(warehouse.resolve("not_a_table"));

    assertThat(catalog.registerAll()).containsExactly("alpha", "beta");
    assertThat(spark.sql("select n from beta").first().getLong(0)).isEqualTo(2L);
  }

  @Test
  void hiveModeAlsoRegistersTablesInTheDatabase() {
    TableCatalog catalog = catalog(CatalogMode.HIVE);
    catalog.append(rows(row("2023-10", "54", 7)), "gamma");

    catalog.registerAll();

    assertThat(spark.sql("select n from bhxh_test.gamma").first().getLong(0)).isEqualTo(7L);
  }

  @Test
  void partitionValuesAreThoseOfTheCurrentFilesOnly() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    assertThat(catalog.partitionValues("t", "period")).isEmpty();
    catalog.replaceWhere(
        rows(row("2023-11", "54", 1), row("2023-10", "56", 2), row("2023-12", "54", 3)),
        "t",
        "period >= '2023-10'",
        "period");
    // A later commit empties one month: its files are removed from the log, its value goes.
    catalog.delete("t", "period = '2023-11'");
    // Two files of one month: its value is listed once.
    catalog.append(rows(row("2023-10", "58", 4)), "t", "period");
    assertThat(catalog.read("t").inputFiles()).hasSize(3);

    assertThat(catalog.partitionValues("t", "period")).containsExactly("2023-10", "2023-12");
    assertThatThrownBy(() -> catalog.partitionValues("t", "province_code"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("not partitioned by province_code");
  }

  @Test
  void lastCommitOutputRowsAreTheRowsTheLatestCommitWrote() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.append(rows(row("2023-10", "54", 1), row("2023-10", "56", 2)), "t");
    assertThat(catalog.lastCommitOutputRows("t")).isEqualTo(2);

    catalog.append(rows(row("2023-11", "54", 3)), "t");
    assertThat(catalog.lastCommitOutputRows("t")).isEqualTo(1);

    // A delete writes no rows of its own.
    catalog.delete("t", "period = '2023-11'");
    assertThat(catalog.lastCommitOutputRows("t")).isZero();
  }

  @Test
  void versionIsTheLatestCommitOfTheSameTableUntilItIsCreatedAgain() throws Exception {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    assertThat(catalog.version("t")).isEmpty();

    catalog.append(rows(row("2023-10", "54", 1)), "t");
    TableVersion first = catalog.version("t").orElseThrow();
    catalog.append(rows(row("2023-11", "54", 2)), "t");
    catalog.overwrite(rows(row("2023-12", "56", 3)), "t");

    assertThat(first.version()).isZero();
    assertThat(catalog.version("t")).contains(new TableVersion(first.tableId(), 2));

    // Deleted and written again: version 0 once more, of another table.
    try (var files = Files.walk(warehouse.resolve("t"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    catalog.append(rows(row("2023-10", "54", 1)), "t");
    TableVersion recreated = catalog.version("t").orElseThrow();
    assertThat(recreated.version()).isZero();
    assertThat(recreated.tableId()).isNotEqualTo(first.tableId());
  }

  @Test
  void readingAMissingTableSaysWhatToDo() {
    assertThatThrownBy(() -> catalog(CatalogMode.PATH).read("indicators"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("table 'indicators' does not exist in warehouse");
    assertThat(catalog(CatalogMode.PATH).tables()).isEmpty();
  }

  @Test
  void readListedHasTheRowsOfReadAfterAReplaceWhereOfOnePartition() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.replaceWhere(
        rows(row("2023-10", "54", 1), row("2023-10", "56", 2), row("2023-11", "54", 3)).coalesce(1),
        "t",
        "period >= '2023-10'",
        "period");
    catalog.append(rows(row("2023-12", "54", 4), row("2023-12", "58", 5)).coalesce(1), "t");
    // A second file in October, then October replaced as a whole: both its files go.
    catalog.append(rows(row("2023-10", "58", 6)).coalesce(1), "t");
    catalog.replaceWhere(
        rows(row("2023-10", "54", 10), row("2023-10", "60", 11), row("2023-10", "62", 12))
            .coalesce(1),
        "t",
        "period = '2023-10'");

    Dataset<Row> listed = catalog.readListed("t");

    List<Row> october =
        List.of(row("2023-10", "54", 10), row("2023-10", "60", 11), row("2023-10", "62", 12));
    List<Row> expected = new ArrayList<>(october);
    expected.addAll(
        List.of(row("2023-11", "54", 3), row("2023-12", "54", 4), row("2023-12", "58", 5)));
    assertSameRows(SCHEMA, expected, listed);
    Dataset<Row> read = catalog.read("t");
    assertThat(listed.exceptAll(read).count()).isZero();
    assertThat(read.exceptAll(listed).count()).isZero();
    assertThat(rowsPerPeriod(listed))
        .containsExactlyInAnyOrderEntriesOf(Map.of("2023-10", 3L, "2023-11", 1L, "2023-12", 2L));
    // October, November, December: one file each.
    assertThat(filesScanned(catalog.readListed("t"))).isEqualTo(3);

    assertSameRows(october, catalog.readListed("t").filter("period = '2023-10'"));
    // The filter prunes: only October's file is read.
    assertThat(filesScanned(catalog.readListed("t").filter("period = '2023-10'"))).isEqualTo(1);
    assertSameRows(
        List.of(row("2023-11", "54", 3)), catalog.readListed("t").filter("period = '2023-11'"));
    assertThat(catalog.readListed("t").filter("period = '2023-09'").count()).isZero();
  }

  @Test
  void readListedOfATableWithDeletionVectorsReadsTheRowsLeftAfterTheDelete() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.createIfMissing("t", SCHEMA, "period");
    catalog.ensureProperties("t", Map.of("delta.enableDeletionVectors", "true"));
    catalog.append(
        rows(
                row("2023-10", "54", 1),
                row("2023-10", "56", 2),
                row("2023-10", "58", 3),
                row("2023-11", "54", 4))
            .coalesce(1),
        "t");
    catalog.delete("t", "period = '2023-10' AND province_code = '56'");
    // The delete marked the row in a deletion vector; the file stays in the log.
    assertThat(
            DeltaLog.forTable(spark, catalog.path("t"))
                .update(false, Option.empty(), Option.empty())
                .allFiles()
                .filter("deletionVector IS NOT NULL")
                .count())
        .isEqualTo(1);

    Dataset<Row> listed = catalog.readListed("t");

    assertSameRows(
        SCHEMA,
        List.of(row("2023-10", "54", 1), row("2023-10", "58", 3), row("2023-11", "54", 4)),
        listed);
    assertThat(listed.count()).isEqualTo(3);
    assertSameRows(
        List.of(row("2023-10", "54", 1), row("2023-10", "58", 3)),
        catalog.readListed("t").filter("period = '2023-10'"));
  }

  @Test
  void readListedOfATableWithoutFilesHasItsColumnsAndNoRows() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.createIfMissing("t", SCHEMA, "period");

    assertSameRows(SCHEMA, List.of(), catalog.readListed("t"));
  }

  @Test
  void readListedOfAMissingTableSaysWhatToDo() {
    assertThatThrownBy(() -> catalog(CatalogMode.PATH).readListed("silver_contributions"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("table 'silver_contributions' does not exist in warehouse");
  }

  @Test
  void readListedReadsTablesWhosePathsHaveCharactersEscapedInAUri() {
    TableCatalog spaced =
        new TableCatalog(
            spark,
            warehouse.resolve("ware house").toString(),
            new CatalogSettings(CatalogMode.PATH, "bhxh_test"));
    spaced.append(rows(row("2023-10", "54", 1)), "t", "period");
    assertSameRows(List.of(row("2023-10", "54", 1)), spaced.readListed("t"));

    TableCatalog catalog = catalog(CatalogMode.PATH);
    catalog.append(
        rows(row("2023-10 a:b", "54", 1), row("50%", "56", 2), row("x y", "58", 3)), "t", "period");
    assertSameRows(
        List.of(row("2023-10 a:b", "54", 1), row("50%", "56", 2), row("x y", "58", 3)),
        catalog.readListed("t"));
  }

  @Test
  void lastCommitOutputRowsOfAReplaceWhereAreTheRowsOfTheReplacedSliceOnly() {
    TableCatalog catalog = catalog(CatalogMode.PATH);
    assertThat(catalog.lastCommitOutputRows("t")).isZero();

    catalog.replaceWhere(
        rows(row("2023-10", "54", 1), row("2023-10", "56", 2), row("2023-11", "54", 3)).coalesce(1),
        "t",
        "period >= '2023-10'",
        "period");
    assertThat(catalog.lastCommitOutputRows("t")).isEqualTo(3);

    catalog.replaceWhere(
        rows(row("2023-10", "54", 10), row("2023-10", "58", 12)).coalesce(1),
        "t",
        "period = '2023-10'");
    assertThat(catalog.lastCommitOutputRows("t")).isEqualTo(2);

    // This delete rewrites October's file with the row it keeps, but records it as copied, not
    // as output: 0.
    catalog.delete("t", "province_code = '58'");
    assertSameRows(List.of(row("2023-10", "54", 10), row("2023-11", "54", 3)), catalog.read("t"));
    assertThat(
            DeltaTable.forPath(spark, catalog.path("t"))
                .history(1)
                .selectExpr("operationMetrics['numCopiedRows']")
                .first()
                .getString(0))
        .isEqualTo("1");
    assertThat(catalog.lastCommitOutputRows("t")).isZero();

    // A commit of table properties writes no rows.
    catalog.append(rows(row("2023-12", "54", 4)), "t");
    catalog.ensureProperties("t", Map.of("delta.dataSkippingStatsColumns", "province_code"));
    assertThat(catalog.lastCommitOutputRows("t")).isZero();
  }

  private TableCatalog catalog(CatalogMode mode) {
    return new TableCatalog(spark, warehouse.toString(), new CatalogSettings(mode, "bhxh_test"));
  }

  private Dataset<Row> rows(Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  /** The number of rows of each period of a frame of {@link #SCHEMA}. */
  private static Map<String, Long> rowsPerPeriod(Dataset<Row> frame) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : frame.groupBy("period").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /**
   * Collects a frame read from one table, and returns how many files its scan read. The frame must
   * not have been collected before: an action resets the metrics of the plan it runs again.
   */
  private static long filesScanned(Dataset<Row> frame) {
    frame.collectAsList();
    List<FileSourceScanExec> scans = new ArrayList<>();
    collectScans(frame.queryExecution().executedPlan(), scans);
    assertThat(scans).hasSize(1);
    return scans.get(0).metrics().apply("numFiles").value();
  }

  private static void collectScans(SparkPlan plan, List<FileSourceScanExec> into) {
    if (plan instanceof FileSourceScanExec scan) {
      into.add(scan);
    } else if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      collectScans(adaptive.executedPlan(), into);
    }
    for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      collectScans(child, into);
    }
  }

  /** A row of {@link #SCHEMA}: n is a long. */
  private static Row row(String period, String province, long n) {
    return Rows.row(period, province, n);
  }
}
