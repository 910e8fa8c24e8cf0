package vn.bhxh.pipeline.jobs.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.access.QueryRefusedException;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.catalog.TableVersion;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.sql.RemoteSql;
import vn.bhxh.pipeline.jobs.sql.SqlFormat;
import vn.bhxh.pipeline.jobs.sql.SqlJob;

/**
 * The query server in this JVM over a small warehouse, reached with the Hive JDBC driver that a
 * Spark distribution ships (beeline's), on an ephemeral loopback port.
 */
@JobTier
class QueryServerTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("people", DataTypes.LongType);

  @TempDir static Path warehouse;
  @TempDir static Path outside;
  private static SparkSession spark;
  private static PipelineConfig config;
  private static TableCatalog catalog;
  private static QueryServer server;

  @BeforeAll
  static void serveASmallWarehouse() {
    spark = SparkTestSession.get();
    config = SparkTestSession.config().withLocations(null, warehouse.toString(), null);
    catalog = TableCatalog.of(spark, config);
    catalog.append(
        spark.createDataFrame(
            List.of(
                RowFactory.create("2025-01", "01", 10L),
                RowFactory.create("2025-01", "79", 25L),
                RowFactory.create("2025-02", "01", 12L)),
            SCHEMA),
        "participation",
        "period");
    catalog.append(
        spark.createDataFrame(List.of(RowFactory.create("2025-01", "01", 1L)), SCHEMA), "runs");
    server =
        QueryServer.start(
            spark, config, new ServeAddress("127.0.0.1", 0), TestDistribution.loader());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aJdbcClientQueriesTheTablesByName() throws SQLException {
    assertThat(server.url()).isEqualTo("jdbc:hive2://127.0.0.1:" + server.port() + "/default");
    assertThat(server.port()).isPositive();
    assertThat(server.tables()).containsExactly("participation", "runs");

    assertThat(
            rows(
                "select province_code, people from participation where period = '2025-01'"
                    + " order by province_code"))
        .containsExactly("01|10", "79|25");
    assertThat(rows("select period, sum(people) from participation group by period order by 1"))
        .containsExactly("2025-01|35", "2025-02|12");
  }

  @Test
  void aQueryReadsTheLatestVersionOfATableWrittenAfterTheServerStarted() throws SQLException {
    assertThat(rows("select count(*) from runs")).containsExactly("1");
    catalog.append(
        spark.createDataFrame(List.of(RowFactory.create("2025-02", "01", 2L)), SCHEMA), "runs");
    assertThat(rows("select period, people from runs order by period"))
        .containsExactly("2025-01|1", "2025-02|2");
  }

  @Test
  void writesCommandsAndPathReadsAreRefusedAndChangeNothing() throws Exception {
    TableVersion before = catalog.version("participation").orElseThrow();
    Path file = Files.writeString(outside.resolve("secret.csv"), "a\n1\n");
    List<String> refused =
        List.of(
            "delete from participation where 1 = 1",
            "drop table participation",
            "insert into participation values ('2025-03', '01', 1)",
            "update participation set people = 0",
            "create table t as select * from participation",
            "set spark.sql.warehouse.dir=/tmp",
            "select * from csv.`" + file + "`",
            "select * from delta.`"
                + warehouse.resolve("participation")
                + "` union all"
                + " select * from parquet.`"
                + outside
                + "`");
    for (String statement : refused) {
      assertThatThrownBy(() -> rows(statement))
          .as(statement)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(QueryRefusedException.class.getName() + ": refused: ")
          // sql's option does not exist on the server: the message must not offer it.
          .hasMessageNotContaining("--allow-external-files");
    }

    assertThat(catalog.version("participation")).contains(before);
    assertThat(rows("select count(*) from participation")).containsExactly("3");
    assertThat(rows("show tables")).anyMatch(row -> row.contains("participation"));
    // The application's own session is not guarded: it still runs commands.
    spark.sql("create or replace temporary view unguarded as select 1 as one");
    assertThat(spark.table("unguarded").count()).isEqualTo(1);
  }

  @Test
  void sqlServerPrintsWhatLocalSqlPrints() {
    String query =
        "select period, province_code, people from participation order by period, province_code";
    for (SqlFormat format : SqlFormat.values()) {
      ByteArrayOutputStream remote = new ByteArrayOutputStream();
      RemoteSql.run(server.url(), query, format, print(remote), TestDistribution.loader());
      ByteArrayOutputStream local = new ByteArrayOutputStream();
      SqlJob.run(
          new JobEnvironment(
              config, spark, catalog, RunContext.start("sql", List.of(), Clock.systemUTC())),
          query,
          format,
          ExternalFiles.REFUSED,
          print(local));
      assertThat(text(remote)).as(format.name()).isEqualTo(text(local));
    }
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    RemoteSql.run(server.url(), query, SqlFormat.csv, print(csv), TestDistribution.loader());
    assertThat(text(csv))
        .isEqualTo("period,province_code,people\n2025-01,01,10\n2025-01,79,25\n2025-02,01,12\n");
  }

  @Test
  void aRefusalOverTheServerIsARefusalOfSql() {
    assertThatThrownBy(
            () ->
                RemoteSql.run(
                    server.url(),
                    "drop table participation",
                    SqlFormat.csv,
                    print(new ByteArrayOutputStream()),
                    TestDistribution.loader()))
        .isInstanceOf(QueryRefusedException.class)
        .hasMessageStartingWith("refused: ");
  }

  private static List<String> rows(String query) throws SQLException {
    Properties user = new Properties();
    user.setProperty("user", "analyst");
    List<String> rows = new ArrayList<>();
    try (Connection connection = driver().connect(server.url(), user);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          cells.add(result.getString(i));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  private static Driver driver() {
    try {
      return (Driver)
          Class.forName("org.apache.hive.jdbc.HiveDriver", true, TestDistribution.loader())
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
