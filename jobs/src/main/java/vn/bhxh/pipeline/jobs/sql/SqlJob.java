package vn.bhxh.pipeline.jobs.sql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/** Runs a read-only query against the registered tables and prints the result to a stream. */
public final class SqlJob {
  private SqlJob() {}

  /**
   * Registers the warehouse's tables, checks that the query only reads them ({@link
   * ReadOnlyQueries}: a write, a command or a read of other files is refused before anything runs),
   * runs it and writes the rows to {@code out}.
   */
  public static RunResult run(
      JobEnvironment environment,
      String query,
      SqlFormat format,
      ExternalFiles externalFiles,
      PrintStream out) {
    environment.catalog().registerAll();
    Dataset<Row> result;
    try {
      ReadOnlyQueries.of(environment.spark(), environment.catalog().warehouse(), externalFiles)
          .check(query);
      result = environment.spark().sql(query);
    } catch (Exception e) { // AnalysisException (and ParseException) are checked in Java's eyes
      if (e instanceof AnalysisException analysis) {
        throw new PipelineException("query failed: " + analysis.getSimpleMessage(), e);
      }
      throw e;
    }
    long rows = write(result, format, out);
    out.flush();
    return RunResult.of(rows, 0, 0);
  }

  static long write(Dataset<Row> result, SqlFormat format, PrintStream out) {
    String[] columns = result.columns();
    long count = 0;
    switch (format) {
      case json -> {
        Iterator<String> lines = result.toJSON().toLocalIterator();
        while (lines.hasNext()) {
          out.println(lines.next());
          count++;
        }
      }
      case csv -> {
        out.println(csvLine(List.of(columns)));
        Iterator<Row> rows = result.toLocalIterator();
        while (rows.hasNext()) {
          out.println(csvLine(cells(rows.next())));
          count++;
        }
      }
      case table -> {
        List<List<String>> body = new ArrayList<>();
        Iterator<Row> rows = result.toLocalIterator();
        while (rows.hasNext()) {
          body.add(cells(rows.next()));
        }
        TextTable.print(List.of(columns), body, out);
        count = body.size();
      }
    }
    return count;
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>(row.length());
    for (int i = 0; i < row.length(); i++) {
      cells.add(row.isNullAt(i) ? null : render(row.get(i)));
    }
    return cells;
  }

  private static String render(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return scala.collection.JavaConverters.mapAsJavaMap(map).toString();
    }
    return String.valueOf(value);
  }

  static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String cell = cells.get(i);
      if (cell == null) {
        continue;
      }
      if (cell.indexOf(',') >= 0
          || cell.indexOf('"') >= 0
          || cell.indexOf('\n') >= 0
          || cell.indexOf('\r') >= 0) {
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        line.append(cell);
      }
    }
    return line.toString();
  }
}
