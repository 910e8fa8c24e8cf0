package vn.bhxh.pipeline.jobs.serve;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * Where the Spark Thrift JDBC/ODBC server and the Hive JDBC driver come from. Like Spark itself,
 * they are provided, not bundled: a Spark distribution built with Hive support has them in {@code
 * jars/} ({@code spark-hive-thriftserver_2.12}, {@code hive-jdbc}, …), and so does the project's
 * PySpark ({@code bin/python-env spark-home}), which {@code bin/pipeline} uses.
 *
 * <p>Under {@code spark-submit} of such a distribution they are already on the classpath. Otherwise
 * they are loaded from {@code <SPARK_HOME>/jars} by a class loader over the jars whose classes the
 * application's classpath lacks (parent first: Spark, Delta and the pipeline keep their one copy).
 */
public final class SparkDistribution {
  /** The server's entry point, present when the distribution has the Thrift server. */
  static final String THRIFT_SERVER = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";

  /** The JDBC driver, in the same distributions ({@code jars/hive-jdbc-2.3.*.jar}). */
  static final String JDBC_DRIVER = "org.apache.hive.jdbc.HiveDriver";

  private SparkDistribution() {}

  /**
   * A class loader that has the Thrift server and the Hive JDBC driver: {@code parent} itself when
   * it has them, else one over the missing jars of {@code sparkHome}.
   *
   * @throws ConfigurationException when neither has them (exit 2, one line saying what to do)
   */
  public static ClassLoader loader(ClassLoader parent, Optional<Path> sparkHome) {
    return loader(parent, sparkHome, THRIFT_SERVER, Jars.MISSING);
  }

  /**
   * A class loader that has the Hive JDBC driver ({@code sql --server}): as {@link #loader}, but
   * over all the distribution's jars, parent first, without looking for those the parent has (about
   * 2 s of a one-second query). No Spark runs beside the driver, so a second copy of a jar is never
   * used.
   */
  public static ClassLoader driverLoader(ClassLoader parent, Optional<Path> sparkHome) {
    return loader(parent, sparkHome, JDBC_DRIVER, Jars.ALL);
  }

  /** Which jars of the distribution a loader takes. */
  private enum Jars {
    MISSING,
    ALL
  }

  private static ClassLoader loader(
      ClassLoader parent, Optional<Path> sparkHome, String needed, Jars which) {
    if (loads(parent, needed)) {
      return parent;
    }
    Path jars =
        sparkHome
            .map(home -> home.resolve("jars"))
            .filter(Files::isDirectory)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "the Spark Thrift server (spark-hive-thriftserver_2.12) is not on the"
                            + " classpath: set SPARK_HOME to a Spark 3.5 distribution with Hive"
                            + " support, or run bin/pipeline, which uses the project's PySpark"));
    // A jar of the same file name on the classpath is the same artifact and version (bin/pipeline's
    // classpath is Maven's, pinned to Spark's own versions): no need to look inside it.
    Set<String> onClasspath = new HashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      onClasspath.add(
          Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString());
    }
    List<URL> missing = new ArrayList<>();
    try (Stream<Path> files = Files.list(jars)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        if (which == Jars.ALL
            || !onClasspath.contains(jar.getFileName().toString()) && !parentHas(parent, jar)) {
          missing.add(url(jar));
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException("cannot list " + jars + ": " + e.getMessage());
    }
    URLClassLoader loader = new URLClassLoader(missing.toArray(URL[]::new), parent);
    if (!loads(loader, needed)) {
      throw new ConfigurationException(
          jars
              + " has no "
              + needed
              + ": a Spark distribution built with Hive support (-Phive-thriftserver) has it");
    }
    return loader;
  }

  /** The server's loader for a command run by bin/pipeline or spark-submit: SPARK_HOME, if set. */
  public static ClassLoader loader() {
    return loader(SparkDistribution.class.getClassLoader(), sparkHome());
  }

  /** The JDBC driver's loader for a command run by bin/pipeline: SPARK_HOME, if set. */
  public static ClassLoader driverLoader() {
    return driverLoader(SparkDistribution.class.getClassLoader(), sparkHome());
  }

  private static Optional<Path> sparkHome() {
    return Optional.ofNullable(System.getenv("SPARK_HOME")).map(Path::of);
  }

  private static boolean loads(ClassLoader loader, String className) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether the parent already has a jar's classes: it finds the jar's first class file. */
  private static boolean parentHas(ClassLoader parent, Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.contains("-info")) {
          return parent.getResource(name) != null;
        }
      }
    }
    return true; // no classes: nothing to add
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
