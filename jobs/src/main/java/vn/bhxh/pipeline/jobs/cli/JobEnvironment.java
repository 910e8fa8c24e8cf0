package vn.bhxh.pipeline.jobs.cli;

import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;

/** What a job's {@code run} gets: configuration, session, warehouse and run identity. */
public record JobEnvironment(
    PipelineConfig config, SparkSession spark, TableCatalog catalog, RunContext run) {}
