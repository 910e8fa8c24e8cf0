package vn.bhxh.pipeline.jobs.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import vn.bhxh.pipeline.common.access.QueryRefusedException;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunResult;

/**
 * {@code sql --server URL}: the query runs on a query server ({@code serve}) through the Hive JDBC
 * driver, and prints as a local {@code sql} prints: no Spark session here, so it answers in about a
 * second. The server applies the read-only rules; a refusal exits 2 as it does locally.
 */
public final class RemoteSql {
  static final String DRIVER = "org.apache.hive.jdbc.HiveDriver";

  /** Environment variables with the credentials of a server that authenticates. */
  public static final String USER_ENV = "BHXH_SERVER_USER";

  public static final String PASSWORD_ENV = "BHXH_SERVER_PASSWORD";

  private static final String REFUSED = QueryRefusedException.class.getName() + ": ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RemoteSql() {}

  /** Runs {@code query} on the server at {@code url} and writes the rows to {@code out}. */
  public static RunResult run(
      String url, String query, SqlFormat format, PrintStream out, ClassLoader driverLoader) {
    Driver driver;
    try {
      driver =
          (Driver) Class.forName(DRIVER, true, driverLoader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new PipelineException("no Hive JDBC driver: " + e, e);
    }
    Properties credentials = new Properties();
    credentials.setProperty("user", env(USER_ENV, System.getProperty("user.name", "anonymous")));
    credentials.setProperty("password", env(PASSWORD_ENV, ""));
    Connection connection;
    try {
      connection = driver.connect(url, credentials);
    } catch (SQLException e) {
      throw new PipelineException("cannot connect to " + url + ": " + e.getMessage(), e);
    }
    if (connection == null) {
      throw new QueryRefusedException("--server " + url + " is no jdbc:hive2:// URL");
    }
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      long count = write(rows, format, out);
      out.flush();
      return RunResult.of(count, 0, 0);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A refusal by the server's read-only rules exits 2 as locally; anything else 1. */
  static RuntimeException failure(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int refused = message.indexOf(REFUSED);
    if (refused >= 0) {
      return new QueryRefusedException(
          message.substring(refused + REFUSED.length()).lines().findFirst().orElse(""));
    }
    return new PipelineException("query failed: " + message, e);
  }

  static long write(ResultSet rows, SqlFormat format, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    long count = 0;
    switch (format) {
      case json -> {
        while (rows.next()) {
          out.println(jsonLine(rows, meta, columns));
          count++;
        }
      }
      case csv -> {
        out.println(SqlJob.csvLine(columns));
        while (rows.next()) {
          out.println(SqlJob.csvLine(cells(rows, columns.size())));
          count++;
        }
      }
      case table -> {
        List<List<String>> body = new ArrayList<>();
        while (rows.next()) {
          body.add(cells(rows, columns.size()));
        }
        TextTable.print(columns, body, out);
        count = body.size();
      }
    }
    return count;
  }

  private static List<String> cells(ResultSet rows, int columns) throws SQLException {
    List<String> cells = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      Object value = rows.getObject(i);
      cells.add(value == null ? null : String.valueOf(value));
    }
    return cells;
  }

  /** As Spark's {@code toJSON}: numbers and booleans as such, nulls left out. */
  private static String jsonLine(ResultSet rows, ResultSetMetaData meta, List<String> columns)
      throws SQLException {
    ObjectNode line = JSON.createObjectNode();
    for (int i = 1; i <= columns.size(); i++) {
      Object value = rows.getObject(i);
      if (value == null) {
        continue;
      }
      String name = columns.get(i - 1);
      switch (meta.getColumnType(i)) {
        case Types.BOOLEAN -> line.put(name, rows.getBoolean(i));
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
            line.put(name, rows.getLong(i));
        case Types.FLOAT, Types.DOUBLE, Types.REAL -> line.put(name, rows.getDouble(i));
        case Types.DECIMAL, Types.NUMERIC -> line.put(name, rows.getBigDecimal(i));
        default -> line.put(name, String.valueOf(value));
      }
    }
    return line.toString();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
