package vn.bhxh.pipeline.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.access.QueryRefusedException;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

@JobTier
class SqlJobTest {
  @TempDir static Path warehouse;
  private static JobEnvironment environment;

  @BeforeAll
  static void writeATable() {
    SparkSession spark = SparkTestSession.get();
    PipelineConfig config =
        SparkTestSession.config().withLocations(null, warehouse.toString(), null);
    TableCatalog catalog = TableCatalog.of(spark, config);
    StructType schema =
        new StructType()
            .add("code", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("people", DataTypes.LongType);
    catalog.overwrite(
        spark.createDataFrame(
            List.of(
                RowFactory.create("54", "Phú Yên", 877774L),
                RowFactory.create("66", "Đắk Lắk, mới", null)),
            schema),
        "provinces");
    environment =
        new JobEnvironment(
            config, spark, catalog, RunContext.start("sql", List.of(), Clock.systemUTC()));
  }

  @Test
  void csvQuotesCommasAndLeavesNullsEmpty() {
    assertThat(query("select * from provinces order by code", SqlFormat.csv))
        .isEqualTo("code,name,people\n54,Phú Yên,877774\n66,\"Đắk Lắk, mới\",\n");
  }

  @Test
  void jsonWritesOneObjectPerLine() {
    assertThat(query("select code, people from provinces order by code", SqlFormat.json))
        .isEqualTo("{\"code\":\"54\",\"people\":877774}\n{\"code\":\"66\"}\n");
  }

  @Test
  void tableAlignsColumnsByCharactersAndCountsRows() {
    assertThat(query("select code, name from provinces order by code", SqlFormat.table))
        .isEqualTo(
            "code | name\n"
                + "-----+-------------\n"
                + "54   | Phú Yên\n"
                + "66   | Đắk Lắk, mới\n"
                + "(2 rows)\n");
  }

  @Test
  void anUnknownTableIsAOneLineFailure() {
    assertThatThrownBy(() -> query("select * from nowhere", SqlFormat.csv))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("query failed")
        .hasMessageContaining("nowhere");
  }

  @Test
  void theCommandLineExitsTwoOnBadConfigurationAndOneOnABadQuery() {
    assertThat(Main.run("sql", "--conf", "pipeline.nope=1", "select 1")).isEqualTo(2);
    assertThat(Main.run("sql", "--format", "xml", "select 1")).isEqualTo(2);
    assertThat(Main.run("--conf", "pipeline.warehouse=" + warehouse, "sql", "select * from x"))
        .isEqualTo(1);
    assertThat(
            Main.run("sql", "--warehouse", warehouse.toString(), "select count(*) from provinces"))
        .isEqualTo(0);
  }

  @Test
  void aWriteExitsTwoBeforeItRunsAndTheTableKeepsItsRows() {
    String root = warehouse.toString();
    assertThat(Main.run("sql", "--warehouse", root, "delete from provinces where 1=1"))
        .isEqualTo(2);
    assertThat(Main.run("sql", "--warehouse", root, "drop table provinces")).isEqualTo(2);
    assertThat(query("select count(*) as n from provinces", SqlFormat.csv)).isEqualTo("n\n2\n");
  }

  @Test
  void aFileOutsideTheWarehouseNeedsAllowExternalFiles(@TempDir Path outside) throws IOException {
    Path file = Files.writeString(outside.resolve("note.txt"), "hello\n");
    String read = "select value from text.`" + file + "`";
    String root = warehouse.toString();
    assertThat(Main.run("sql", "--warehouse", root, read)).isEqualTo(2);
    assertThat(Main.run("sql", "--warehouse", root, "--allow-external-files", read)).isEqualTo(0);
    assertThatThrownBy(() -> query(read, SqlFormat.csv))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessage(
            "refused: text.`"
                + file
                + "` reads files, not a table of the warehouse (--allow-external-files allows"
                + " it)");
  }

  private static String query(String sql, SqlFormat format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SqlJob.run(
        environment,
        sql,
        format,
        ExternalFiles.REFUSED,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
