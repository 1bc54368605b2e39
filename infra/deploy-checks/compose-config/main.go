// Command compose-config loads docker-compose.yml the way `docker compose config` does, with
// the Compose specification's own loader (compose-go, which Docker Compose is built on): the
// file is checked against the Compose schema, variables are interpolated from an env file,
// anchors and merges are resolved and the project's consistency is checked (depends_on,
// volumes and networks that exist). It prints the resolved project with -print, and exits 1
// with the loader's message when the file is broken. Used by infra/deploy-checks/run.sh on
// machines without Docker.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	file := flag.String("f", "docker-compose.yml", "the compose file")
	envFile := flag.String("env-file", "", "the env file to interpolate from")
	print := flag.Bool("print", false, "print the resolved project")
	flag.Parse()

	fns := []cli.ProjectOptionsFn{cli.WithConsistency(true), cli.WithResolvedPaths(true), cli.WithOsEnv}
	if *envFile != "" {
		fns = append(fns, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	options, err := cli.NewProjectOptions([]string{*file}, fns...)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	if *print {
		out, err := project.MarshalYAML()
		if err != nil {
			fail(err)
		}
		os.Stdout.Write(out)
	}
	fmt.Fprintf(os.Stderr, "%s: valid, %d services, %d volumes\n", *file, len(project.Services), len(project.Volumes))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "compose-config: %v\n", err)
	os.Exit(1)
}
