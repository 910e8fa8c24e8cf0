package vn.bhxh.pipeline.jobs.ingest;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels to executors inside a task closure, so that they open
 * landing files with the driver's file-system settings (s3a credentials providers, HDFS addresses).
 * Hadoop's class is {@code Writable}, not {@code Serializable}.
 */
final class HadoopConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration configuration;

  HadoopConfiguration(Configuration configuration) {
    this.configuration = configuration;
  }

  Configuration get() {
    return configuration;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    configuration.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    configuration = new Configuration(false);
    configuration.readFields(in);
  }
}
