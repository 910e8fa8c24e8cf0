package vn.bhxh.pipeline.common.error;

/**
 * A run found that the lock it held was taken over (its heartbeat went stale, so another run judged
 * it gone). The run must stop before its next write; the tables stay consistent because every write
 * is one Delta commit, and the run that took over recomputes what is needed.
 */
public class LockLostException extends PipelineException {
  private static final long serialVersionUID = 1L;

  public LockLostException(String message) {
    super(message);
  }
}
