package vn.bhxh.pipeline.common.access;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.apache.spark.sql.SparkSession;

/**
 * The sessions that take only read-only statements: the query server's ({@code serve}). A guarded
 * session checks every statement its parser sees with its {@link ReadOnlyQueries} before the
 * statement is analysed or run ({@link ReadOnlySessionExtension}); every other session of the JVM
 * (the jobs', the tests') is untouched.
 *
 * <p>The guard is held outside the session's configuration on purpose: no {@code SET} or {@code
 * RESET} of a client can lift it.
 */
public final class ReadOnlySessions {
  private static final Map<SparkSession, ReadOnlyQueries> GUARDED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ReadOnlySessions() {}

  /** From now on, every statement parsed by {@code session} must pass {@code queries}. */
  public static void guard(SparkSession session, ReadOnlyQueries queries) {
    GUARDED.put(session, queries);
  }

  /** Lifts the guard of a session (the server stopped). */
  public static void release(SparkSession session) {
    GUARDED.remove(session);
  }

  /** The check a session's statements must pass, or empty when it is not guarded. */
  public static Optional<ReadOnlyQueries> guardOf(SparkSession session) {
    return Optional.ofNullable(GUARDED.get(session));
  }
}
