package org.delta4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.delta4j.Delta4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j COMMAND}: the root command and the program's entry point. Exit codes: 0 done, 1
 * the run failed (the reason on standard error), 2 wrong arguments (the usage on standard error).
 */
@Command(
        name = "delta4j",
        synopsisSubcommandLabel = "COMMAND",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Delta4jCli.Version.class,
        description =
                "Delta tuning for HuggingFace models on DJL: look into a model folder, export its structure, "
                        + "run it with or without a delta, convert deltas to and from PEFT, merge LoRA into a model, train deltas or whole models.",
        subcommands = {
            InspectCommand.class,
            StructureCommand.class,
            ForwardCommand.class,
            GenerateCommand.class,
            ConvertCommand.class,
            MergeCommand.class,
            TrainCommand.class,
            HelpCommand.class
        })
public final class Delta4jCli implements Callable<Integer> {
    /**
     * slf4j-simple's level for DJL's loggers (its PyTorch engine and tokenizers included): {@code
     * error} in this tool's simplelogger.properties, as DJL logs start-up chatter at INFO and
     * harmless GPU probes at WARN.
     */
    private static final String DJL_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl";

    @Spec private CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "On failure print the stack trace; show DJL's log.")
    private boolean verbose;

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Delta4j.offline(); // before anything can start DJL's engine
        CommandLine cli = commandLine();
        // UTF-8 whatever the locale: the graph's box-drawing characters and the JSON are UTF-8
        // text.
        cli.setOut(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }

    /**
     * @return a fresh command line for this tool, ready to {@link CommandLine#execute(String...)}
     */
    public static CommandLine commandLine() {
        Delta4jCli root = new Delta4jCli();
        CommandLine cli = new CommandLine(root);
        cli.setExecutionStrategy(
                parseResult -> {
                    if (root.verbose) {
                        showDjlLog();
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                });
        cli.setExecutionExceptionHandler(Failures::report);
        return cli;
    }

    /** Without a command there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }

    /**
     * @param parseResult the parsed command line
     * @return whether {@code --verbose} was given, before or after the command name
     */
    static boolean isVerbose(ParseResult parseResult) {
        return ((Delta4jCli) parseResult.commandSpec().root().userObject()).verbose;
    }

    private static void showDjlLog() {
        // slf4j-simple reads this once, when the first logger is made; nothing has logged before a
        // command runs.
        if (System.getProperty(DJL_LOG_LEVEL) == null) {
            System.setProperty(DJL_LOG_LEVEL, "info");
        }
    }

    /** {@code --version}: delta4j's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"delta4j " + Delta4j.VERSION};
        }
    }
}
