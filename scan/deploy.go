package scan

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// deployHit is one file that says how the project is deployed.
type deployHit struct {
	value string // server, serverless or containers
	file  string
	line  int
	what  string
}

// composeService is a docker compose service built from the repository.
type composeService struct {
	name    string
	context string // slash path relative to the scanned directory
	file    string
	line    int
}

var (
	dockerFromRe = lazyRegexp(`(?i)^\s*FROM\s+(?:--\S+\s+)*(\S+)`)
	k8sKindRe    = lazyRegexp(`^\s*kind:\s*["']?(Deployment|StatefulSet)["']?\s*(#.*)?$`)
	execStartRe  = lazyRegexp(`^\s*ExecStart\s*=.*\b(python3?|gunicorn|uvicorn|uwsgi|daphne|hypercorn|granian|manage\.py)\b`)
	procWebRe    = lazyRegexp(`^web\s*:`)
	providerRe   = lazyRegexp(`^provider:`)
)

// readDeploy reads a deployment file of kind k.
func readDeploy(rel string, k kind, data []byte) ([]deployHit, []composeService, *Warning) {
	hit := func(v string, line int, format string, args ...any) []deployHit {
		return []deployHit{{value: v, file: rel, line: line, what: fmt.Sprintf(format, args...)}}
	}
	switch k {
	case kDockerfile:
		// The last FROM is the image that ships; earlier ones are build stages.
		if line, m := lastLine(data, dockerFromRe()); line > 0 {
			return hit(deployContainers, line, "%s builds a container image (FROM %s)", path.Base(rel), m[1]), nil, nil
		}
		return hit(deployContainers, 0, "%s builds a container image", path.Base(rel)), nil, nil
	case kCompose:
		return readCompose(rel, data)
	case kYAML:
		if !bytes.Contains(data, []byte("kind:")) || !bytes.Contains(data, []byte("apiVersion:")) {
			return nil, nil, nil
		}
		// Lines, not a YAML parse: Helm templates are not YAML until
		// rendered, and a kind: line is what marks a manifest either way.
		if line, m := firstLine(data, k8sKindRe()); line > 0 {
			return hit(deployContainers, line, "a Kubernetes %s manifest", m[1]), nil, nil
		}
	case kHelmChart:
		return hit(deployContainers, 0, "a Helm chart"), nil, nil
	case kServerless:
		line, _ := firstLine(data, providerRe())
		return hit(deployServerless, line, "Serverless Framework configuration"), nil, nil
	case kSAM:
		if i := bytes.Index(data, []byte("AWS::Serverless")); i >= 0 {
			return hit(deployServerless, lineAt(data, i), "an AWS SAM template (AWS::Serverless)"), nil, nil
		}
	case kZappa:
		return hit(deployServerless, 0, "Zappa settings: deploys to AWS Lambda"), nil, nil
	case kChalice:
		return hit(deployServerless, 0, "AWS Chalice configuration"), nil, nil
	case kFly:
		return hit(deployContainers, 0, "fly.toml: Fly.io runs the app from a container image"), nil, nil
	case kProcfile:
		if line, _ := firstLine(data, procWebRe()); line > 0 {
			return hit(deployServer, line, "Procfile web process: a long-running server on a PaaS"), nil, nil
		}
	case kAppServerConfig:
		return hit(deployServer, 0, "%s configures an application server", path.Base(rel)), nil, nil
	case kSystemd:
		if line, _ := firstLine(data, execStartRe()); line > 0 {
			return hit(deployServer, line, "a systemd unit runs the app as a service"), nil, nil
		}
	}
	return nil, nil, nil
}

// firstLine finds the first line matching re, with its submatches.
func firstLine(data []byte, re *regexp.Regexp) (int, []string) {
	n := 0
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		n++
		if m, ok := submatches(re, line); ok {
			return n, m
		}
	}
	return 0, nil
}

// lastLine finds the last line matching re, with its submatches.
func lastLine(data []byte, re *regexp.Regexp) (int, []string) {
	at, n := 0, 0
	var found []string
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if m, ok := submatches(re, line); ok {
			at, found = n, m
		}
	}
	return at, found
}

func submatches(re *regexp.Regexp, line []byte) ([]string, bool) {
	m := re.FindSubmatch(bytes.TrimRight(line, "\r"))
	if m == nil {
		return nil, false
	}
	out := make([]string, len(m))
	for i := range m {
		out[i] = string(m[i])
	}
	return out, true
}

// readCompose reads the services of a compose file that are built from the
// repository (build:). A compose file that only pulls images (a database
// for local development) says nothing about how the app is deployed.
func readCompose(rel string, data []byte) ([]deployHit, []composeService, *Warning) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, yamlWarning(rel, err)
	}
	services := mapValue(docRoot(&doc), "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return nil, nil, nil
	}
	var hits []deployHit
	var out []composeService
	dir := path.Dir(rel)
	for i := 0; i+1 < len(services.Content); i += 2 {
		name, svc := services.Content[i].Value, services.Content[i+1]
		build := mapKey(svc, "build")
		if build == nil {
			continue
		}
		context := "."
		switch v := mapValue(svc, "build"); {
		case v.Kind == yaml.ScalarNode && v.Value != "":
			context = v.Value
		case v.Kind == yaml.MappingNode:
			if c := mapValue(v, "context"); c != nil && c.Kind == yaml.ScalarNode && c.Value != "" {
				context = c.Value
			}
		}
		if strings.Contains(context, "://") || strings.HasPrefix(context, "git@") || path.IsAbs(context) {
			continue // built from elsewhere
		}
		ctx := path.Clean(path.Join(dir, context))
		if ctx == ".." || strings.HasPrefix(ctx, "../") {
			continue
		}
		out = append(out, composeService{name: name, context: ctx, file: rel, line: build.Line})
		if len(hits) == 0 {
			hits = append(hits, deployHit{value: deployContainers, file: rel, line: build.Line,
				what: fmt.Sprintf("compose service %q is built from %s", name, ctx)})
		}
	}
	return hits, out, nil
}

func docRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0]
	}
	return doc
}

// mapKey returns the key node named k of a mapping node.
func mapKey(m *yaml.Node, k string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i]
		}
	}
	return nil
}

// mapValue returns the value node of key k of a mapping node.
func mapValue(m *yaml.Node, k string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i+1]
		}
	}
	return nil
}

var yamlLineRe = lazyRegexp(`line (\d+)`)

// yamlWarning turns a YAML error into a warning at the line it names;
// yaml.v3 names the line where its parser noticed, at times one before the
// line at fault.
func yamlWarning(rel string, err error) *Warning {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	w := &Warning{File: rel, Message: "invalid YAML: " + msg}
	if m := yamlLineRe().FindStringSubmatch(msg); m != nil {
		w.Line, _ = strconv.Atoi(m[1])
	}
	return w
}
