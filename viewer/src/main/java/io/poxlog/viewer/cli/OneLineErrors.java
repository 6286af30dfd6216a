package io.poxlog.viewer.cli;

import picocli.CommandLine;

/** Bad arguments: one line saying what is wrong, a hint, and exit code 2. */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println(cl.getCommandName() + ": " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandName() + " --help'.");
        cl.getErr().flush();
        return 2;
    }
}
