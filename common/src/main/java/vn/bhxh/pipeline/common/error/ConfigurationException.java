package vn.bhxh.pipeline.common.error;

/** Bad configuration or arguments, detected at start-up before any table is touched. */
public class ConfigurationException extends PipelineException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
