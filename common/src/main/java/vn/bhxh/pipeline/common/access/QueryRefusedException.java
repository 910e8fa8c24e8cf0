package vn.bhxh.pipeline.common.access;

import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * A statement that the read-only query path does not run (a write, a command, a read outside the
 * warehouse): refused before anything executes, reported like a bad argument (exit 2).
 */
public final class QueryRefusedException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public QueryRefusedException(String message) {
    super(message);
  }
}
