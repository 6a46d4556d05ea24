package com.ptsl.launcher.review;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ptsl review}: the finance user's side of {@code payments.review}. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"List the payments waiting for a person's decision, and resolve them.",
                "%nTalks to Kafka directly: no service needs to run for 'list'. See each subcommand's --help.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl review list", "  ptsl review resolve 1000123 --apply 10001", "  ptsl review resolve --help"},
        subcommands = {ReviewListCommand.class, ReviewResolveCommand.class})
public final class ReviewCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show both rather than guessing.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
