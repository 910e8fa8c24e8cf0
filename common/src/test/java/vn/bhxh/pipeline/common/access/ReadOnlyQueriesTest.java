package vn.bhxh.pipeline.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class ReadOnlyQueriesTest {
  @TempDir static Path warehouse;
  @TempDir static Path outside;
  private static SparkSession spark;
  private static ReadOnlyQueries strict;
  private static ReadOnlyQueries external;

  @BeforeAll
  static void writeATableAndAFileOutside() throws IOException {
    spark = SparkTestSession.get();
    TableCatalog catalog =
        TableCatalog.of(
            spark, SparkTestSession.config().withLocations(null, warehouse.toString(), null));
    StructType schema =
        new StructType().add("code", DataTypes.StringType).add("people", DataTypes.LongType);
    catalog.overwrite(
        spark.createDataFrame(
            List.of(RowFactory.create("54", 877774L), RowFactory.create("66", 10L)), schema),
        "provinces");
    catalog.registerAll();
    Files.writeString(outside.resolve("secret.csv"), "a,b\n1,2\n");
    spark
        .createDataFrame(List.of(RowFactory.create("x", 1L)), schema)
        .write()
        .format("delta")
        .save(outside.resolve("other").toString());
    strict = ReadOnlyQueries.of(spark, warehouse.toString(), ExternalFiles.REFUSED);
    external = ReadOnlyQueries.of(spark, warehouse.toString(), ExternalFiles.ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select code, sum(people) from provinces group by code",
        "with big as (select * from provinces where people > 100) select count(*) from big",
        "select * from provinces where code in (select code from provinces where people > 1)",
        "select * from values (1, 'a') as t(n, s)",
        "select id from range(3)",
        "show tables",
        "show columns in provinces",
        "describe provinces",
        "describe query select * from provinces",
        "explain select * from provinces",
        "set",
        "set spark.sql.shuffle.partitions",
        "set spark.sql.shuffle.partitions=3",
        "set spark.sql.session.timeZone=UTC"
      })
  void queriesOfTheWarehouseRun(String query) {
    assertThatCode(() -> strict.check(query)).doesNotThrowAnyException();
  }

  @Test
  void aDeltaPathInsideTheWarehouseIsATableOfIt() {
    assertThatCode(() -> strict.check("select * from delta.`" + warehouse + "/provinces`"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "delete from provinces where 1=1",
        "update provinces set people = 0",
        "merge into provinces t using provinces s on t.code = s.code"
            + " when matched then update set people = 0",
        "insert into provinces values ('01', 1)",
        "insert overwrite directory '/tmp/x' using csv select * from provinces",
        "with p as (select * from provinces) insert into provinces select * from p",
        "drop table provinces",
        "drop view provinces",
        "truncate table provinces",
        "create table t (a int) using delta",
        "create table t using delta as select * from provinces",
        "create temporary view v as select 1",
        "create function f as 'java.lang.String'",
        "alter table provinces add columns (x int)",
        "vacuum provinces retain 0 hours",
        "optimize provinces",
        "restore table delta.`%s/provinces` to version as of 0",
        "create table copy shallow clone provinces",
        "cache table provinces",
        "uncache table provinces",
        "clear cache",
        "refresh table provinces",
        "add jar /tmp/evil.jar",
        "explain delete from provinces where 1=1",
        "set spark.sql.warehouse.dir=/tmp/elsewhere",
        "set spark.master=local[1]"
      })
  void everythingElseIsRefusedBeforeItRuns(String template) {
    String statement = String.format(template, warehouse);
    assertThatThrownBy(() -> strict.check(statement))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessageStartingWith("refused: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> external.check(statement)).isInstanceOf(QueryRefusedException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from csv.`%s/secret.csv`",
        "select * from text.`%s/secret.csv`",
        "select * from json.`%s/secret.csv`",
        "select * from parquet.`%s/other`",
        "select * from delta.`%s/other`",
        "select * from provinces where code in (select _c0 from csv.`%s/secret.csv`)",
        "with f as (select * from text.`%s/secret.csv`) select * from f",
        "describe csv.`%s/secret.csv`",
        "show columns in csv.`%s/secret.csv`"
      })
  void readsOfFilesOutsideTheWarehouseNeedAllowExternalFiles(String template) {
    String query = String.format(template, outside);
    assertThatThrownBy(() -> strict.check(query))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessageContaining("--allow-external-files");
    assertThatCode(() -> external.check(query)).doesNotThrowAnyException();
  }

  @Test
  void aFileSourceUnderTheWarehouseIsNoTableEither() {
    assertThatThrownBy(() -> strict.check("select * from text.`" + warehouse + "/provinces`"))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessageContaining("reads files");
  }

  @Test
  void reflectionIsRefusedEvenWithExternalFiles() {
    assertThatThrownBy(
            () -> external.check("select reflect('java.lang.System', 'exit', 0) from provinces"))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessageContaining("reflect");
  }

  @Test
  void anAllowedQueryStillReturnsItsRows() {
    strict.check("select sum(people) from provinces");
    assertThat(spark.sql("select sum(people) from provinces").collectAsList().get(0).getLong(0))
        .isEqualTo(877784L);
  }
}
