package io.poxlog.viewer.cli;

import picocli.CommandLine;

/** Bad arguments: one line saying what is wrong, a hint, and exit code 2. */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName(); // "pox-log set" for a subcommand
        cl.getErr().println(name + ": " + ex.getMessage());
        cl.getErr().println("Try '" + name + " --help'.");
        cl.getErr().flush();
        return 2;
    }
}
