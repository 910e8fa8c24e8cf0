package vn.bhxh.pipeline.common.access;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedView;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.CloneTableStatement;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DeltaDelete;
import org.apache.spark.sql.catalyst.plans.logical.DeltaMergeInto;
import org.apache.spark.sql.catalyst.plans.logical.DeltaUpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.RestoreTableStatement;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.files.TahoeFileIndex;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.ShowCatalogsCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * The read-only query path: decides from Spark's own plans whether a statement may run, before it
 * runs. Nothing here matches the statement's text.
 *
 * <ol>
 *   <li>The statement is parsed with the session's parser (Delta's included, so {@code VACUUM} and
 *       {@code OPTIMIZE} are recognised). {@code EXPLAIN} and {@code DESCRIBE QUERY} are checked by
 *       the statement they wrap; {@code SET k=v} only for a key the session may change ({@code
 *       RuntimeConfig.isModifiable}); a short list of catalogue commands ({@code SHOW …}, {@code
 *       DESCRIBE …}, {@code USE}, {@code RESET}) runs as is; every other command is refused.
 *   <li>A query's parsed plan must contain no command, insert or Delta statement anywhere
 *       (subqueries and CTEs included), and no path-based identifier ({@code csv.`/etc/x`}):
 *       refused before analysis, which would already read the file to infer its schema.
 *   <li>The analysed plan (views expanded) may only read Delta tables under the warehouse root,
 *       local rows ({@code VALUES}, {@code range}), and CTEs; any other leaf (a file source, a JDBC
 *       relation, a table-valued function that reads files) is refused, and so is {@code reflect}.
 * </ol>
 *
 * <p>With {@link ExternalFiles#ALLOWED}, path-based reads and non-warehouse relations pass; writes
 * and commands are still refused.
 */
public final class ReadOnlyQueries {
  /** Whether reads of files outside the warehouse's tables are allowed. */
  public enum ExternalFiles {
    /** Refused unless the user allows them ({@code sql --allow-external-files}). */
    REFUSED(" (--allow-external-files allows it)"),
    /** Refused, and no option allows them (the query server). */
    NEVER(""),
    ALLOWED("");

    private final String hint;

    ExternalFiles(String hint) {
      this.hint = hint;
    }
  }

  private static final String ONLY_QUERIES =
      "the read-only query path runs only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN";

  private static final String DELTA_PACKAGE = "org.apache.spark.sql.delta.";

  /** Delta's plan nodes (in Spark's package) that write but are no {@link Command}. */
  private static final Set<Class<?>> DELTA_STATEMENTS =
      Set.of(
          RestoreTableStatement.class,
          CloneTableStatement.class,
          DeltaDelete.class,
          DeltaUpdateTable.class,
          DeltaMergeInto.class);

  /** Commands that only read the catalogue or change this session's state. */
  private static final Set<Class<?>> CATALOGUE_READS =
      Set.of(
          ShowTables.class,
          ShowTableExtended.class,
          ShowViews.class,
          ShowNamespaces.class,
          ShowColumns.class,
          ShowFunctions.class,
          ShowCreateTable.class,
          ShowTableProperties.class,
          ShowPartitions.class,
          ShowCatalogsCommand.class,
          ShowCurrentNamespaceCommand.class,
          DescribeRelation.class,
          DescribeColumn.class,
          DescribeFunction.class,
          DescribeNamespace.class,
          SetCatalogAndNamespace.class,
          ResetCommand.class);

  /** Leaves of an analysed plan that read no file. */
  private static final Set<Class<?>> ROW_SOURCES =
      Set.of(LocalRelation.class, OneRowRelation.class, Range.class, CTERelationRef.class);

  private final SparkSession spark;
  private final URI warehouse;
  private final ExternalFiles externalFiles;

  private ReadOnlyQueries(SparkSession spark, URI warehouse, ExternalFiles externalFiles) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.externalFiles = externalFiles;
  }

  /** The checker for queries over {@code warehouse} in {@code spark}. */
  public static ReadOnlyQueries of(
      SparkSession spark, String warehouse, ExternalFiles externalFiles) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return new ReadOnlyQueries(spark, qualified(warehouse, hadoop), externalFiles);
  }

  /**
   * Checks a statement without running it.
   *
   * @throws QueryRefusedException when the statement writes, is a command, or reads outside the
   *     warehouse (one line saying which)
   */
  public void check(String statement) {
    LogicalPlan parsed;
    try {
      parsed = spark.sessionState().sqlParser().parsePlan(statement);
    } catch (ParseException e) {
      throw new PipelineException("query failed: " + e.getSimpleMessage(), e);
    }
    checkStatement(parsed);
  }

  /**
   * Checks a statement that the session's parser already parsed: the same decision as {@link
   * #check(String)}, for the query server's parser, which sees every statement of its sessions.
   *
   * @throws QueryRefusedException as {@link #check(String)}
   */
  public void checkParsed(LogicalPlan parsed) {
    checkStatement(parsed);
  }

  /**
   * Checks an analysed plan: what a session extension sees of a statement that was already parsed
   * and resolved (the query server's check rule). Commands and reads outside the warehouse are
   * refused.
   */
  public void checkAnalysed(LogicalPlan analysed) {
    walk(analysed, this::checkAnalysedNode);
  }

  private void checkStatement(LogicalPlan parsed) {
    if (parsed instanceof ExplainCommand explain) {
      checkStatement(explain.logicalPlan());
    } else if (parsed instanceof DescribeQueryCommand describe) {
      checkQuery(describe.plan());
    } else if (parsed instanceof SetCommand set) {
      checkSet(set);
    } else if (CATALOGUE_READS.contains(parsed.getClass())) {
      walk(parsed, this::checkIdentifiers);
    } else {
      checkQuery(parsed);
    }
  }

  private void checkQuery(LogicalPlan parsed) {
    walk(
        parsed,
        node -> {
          refuseWrites(node);
          checkIdentifiers(node);
        });
    checkAnalysed(spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed());
  }

  private void checkSet(SetCommand set) {
    Option<Tuple2<String, Option<String>>> pair = set.kv();
    if (pair.isEmpty() || pair.get()._2().isEmpty()) {
      return; // SET, SET -v, SET key: they only list values
    }
    String key = pair.get()._1();
    if (!spark.conf().isModifiable(key)) {
      throw new QueryRefusedException(
          "refused: SET " + key + " is not a session setting; " + ONLY_QUERIES);
    }
  }

  private static void refuseWrites(LogicalPlan node) {
    // Delta's SQL extension parses only statements (RESTORE, CLONE, CONVERT, REORG…), some of
    // which become commands only when analysed: refuse them as parsed.
    if (node instanceof Command
        || node instanceof InsertIntoStatement
        || node instanceof InsertIntoDir
        || DELTA_STATEMENTS.contains(node.getClass())
        || node.getClass().getName().startsWith(DELTA_PACKAGE)) {
      throw new QueryRefusedException(
          "refused: " + node.nodeName() + " is not a query; " + ONLY_QUERIES);
    }
  }

  /** A path-based identifier ({@code parquet.`/x`}) names a file, not a warehouse table. */
  private void checkIdentifiers(LogicalPlan node) {
    List<String> name = identifier(node);
    if (name.size() != 2 || !isDataSource(name.get(0))) {
      return;
    }
    boolean warehouseTable = name.get(0).equalsIgnoreCase("delta") && underWarehouse(name.get(1));
    if (!warehouseTable && externalFiles != ExternalFiles.ALLOWED) {
      throw new QueryRefusedException(
          "refused: "
              + name.get(0)
              + ".`"
              + name.get(1)
              + "` reads files, not a table of the warehouse"
              + externalFiles.hint);
    }
  }

  private void checkAnalysedNode(LogicalPlan node) {
    refuseWrites(node);
    for (Expression expression : JavaConverters.seqAsJavaList(node.expressions())) {
      walkExpression(expression);
    }
    if (externalFiles == ExternalFiles.ALLOWED || !node.children().isEmpty()) {
      return;
    }
    List<String> paths = warehouseTablePaths(node);
    if (paths == null) {
      if (ROW_SOURCES.contains(node.getClass())) {
        return;
      }
      throw new QueryRefusedException(
          "refused: the query reads "
              + node.nodeName()
              + ", not a table of the warehouse"
              + externalFiles.hint);
    }
    for (String path : paths) {
      if (!underWarehouse(path)) {
        throw new QueryRefusedException(
            "refused: the query reads "
                + path
                + ", outside the warehouse "
                + warehouse
                + externalFiles.hint);
      }
    }
  }

  /** The root paths of a Delta table a leaf reads, or null when it is no Delta table. */
  private static List<String> warehouseTablePaths(LogicalPlan leaf) {
    List<String> paths = new ArrayList<>();
    if (leaf instanceof LogicalRelation relation
        && relation.relation() instanceof HadoopFsRelation files
        && files.location() instanceof TahoeFileIndex delta) {
      paths.add(delta.path().toString());
    } else if (leaf instanceof DataSourceV2Relation relation
        && relation.table() instanceof DeltaTableV2 delta) {
      paths.add(delta.path().toString());
    } else {
      return null;
    }
    return paths;
  }

  private static void walkExpression(Expression expression) {
    if (expression instanceof CallMethodViaReflection) {
      throw new QueryRefusedException(
          "refused: reflect/java_method calls Java code; " + ONLY_QUERIES);
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      walkExpression(child);
    }
  }

  private boolean isDataSource(String name) {
    try {
      DataSource.lookupDataSource(name, spark.sessionState().conf());
      return true;
    } catch (Exception e) { // not a data source: a database name
      return false;
    }
  }

  private boolean underWarehouse(String path) {
    URI uri;
    try {
      uri = qualified(path, spark.sparkContext().hadoopConfiguration());
    } catch (PipelineException e) {
      return false;
    }
    String root = warehouse.getPath().replaceAll("/+$", "");
    return Objects.equals(uri.getScheme(), warehouse.getScheme())
        && Objects.equals(uri.getAuthority(), warehouse.getAuthority())
        && (uri.getPath().equals(root) || uri.getPath().startsWith(root + "/"));
  }

  private static URI qualified(String path, Configuration hadoop) {
    try {
      Path hadoopPath = new Path(path);
      return hadoopPath.getFileSystem(hadoop).makeQualified(hadoopPath).toUri().normalize();
    } catch (IOException | IllegalArgumentException e) {
      throw new PipelineException("not a path: " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<String> identifier(LogicalPlan node) {
    scala.collection.Seq<String> parts;
    if (node instanceof UnresolvedRelation relation) {
      parts = relation.multipartIdentifier();
    } else if (node instanceof UnresolvedTableOrView table) {
      parts = table.multipartIdentifier();
    } else if (node instanceof UnresolvedTable table) {
      parts = table.multipartIdentifier();
    } else if (node instanceof UnresolvedView view) {
      parts = view.multipartIdentifier();
    } else {
      return List.of();
    }
    return JavaConverters.seqAsJavaList(parts);
  }

  /** Visits a plan, its children, CTE definitions and subquery plans, parents first. */
  private static void walk(LogicalPlan plan, Consumer<LogicalPlan> visit) {
    visit.accept(plan);
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      walk(child, visit);
    }
    for (TreeNode<?> inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
      if (inner instanceof LogicalPlan innerPlan) {
        walk(innerPlan, visit);
      }
    }
    for (LogicalPlan subquery : JavaConverters.seqAsJavaList(plan.subqueries())) {
      walk(subquery, visit);
    }
  }
}
