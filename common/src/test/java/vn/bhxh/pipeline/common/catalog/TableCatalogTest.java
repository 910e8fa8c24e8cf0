package vn.bhxh.pipeline.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
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

  private TableCatalog catalog(CatalogMode mode) {
    return new TableCatalog(spark, warehouse.toString(), new CatalogSettings(mode, "bhxh_test"));
  }

  private Dataset<Row> rows(Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  /** A row of {@link #SCHEMA}: n is a long. */
  private static Row row(String period, String province, long n) {
    return Rows.row(period, province, n);
  }
}
