package vn.bhxh.pipeline.common.error;

/**
 * Another run holds the lock this run needs, and kept it for as long as this run was configured to
 * wait. Not a failure of the data: the caller exits cleanly with the message, which names the
 * holder.
 */
public class LockBusyException extends PipelineException {
  private static final long serialVersionUID = 1L;

  public LockBusyException(String message) {
    super(message);
  }
}
