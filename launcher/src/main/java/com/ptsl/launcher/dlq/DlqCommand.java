package com.ptsl.launcher.dlq;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ptsl dlq}: the commands SL refused for good, and sending them back after a fix. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"List the ERP commands SL refused (topic erp.commands.dlq), and re-drive them after a fix.",
                "%nA command lands here when SL rejects it for a reason a retry cannot cure (unknown customer, bad "
                        + "account, closed period, a document missing) or when it cannot be read at all. Fix the cause "
                        + "in SL (or the sink's configuration), then re-drive: the sink applies it once; re-driving "
                        + "again changes nothing.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl dlq list", "  ptsl dlq redrive PostPayment:1000123", "  ptsl dlq redrive --all"},
        subcommands = {DlqListCommand.class, DlqRedriveCommand.class})
public final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
