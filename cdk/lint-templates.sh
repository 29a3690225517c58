#!/usr/bin/env bash
# Runs cfn-lint on the CloudFormation templates that `mvn verify` synthesized into cdk/cdk.out/<app>/, and on
# the portable template it wrote to dist/ (the file that ships).
# Fails on lint errors only; warnings are printed. Skips (exit 0) when cfn-lint is not installed.
#
# Ignored check, with its reason:
#   W3005  CDK adds an explicit DependsOn on a Lambda function's role even though the function
#          already refers to it with GetAtt; harmless and not ours to change.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "lint-templates: cfn-lint not found on PATH, skipping (install it with: pip install cfn-lint)"
  exit 0
fi

shopt -s nullglob
templates=(cdk.out/*/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "lint-templates: no templates under cdk/cdk.out/*/ - run 'mvn -B verify' (it synthesizes the apps) first" >&2
  exit 1
fi
if [ ! -f ../dist/warmgate.template.json ]; then
  echo "lint-templates: no dist/warmgate.template.json - run 'mvn -B package' (or verify) first" >&2
  exit 1
fi
templates+=(../dist/warmgate.template.json)

echo "lint-templates: $(cfn-lint --version) on ${templates[*]}"
cfn-lint --non-zero-exit-code error --ignore-checks W3005 -- "${templates[@]}"
echo "lint-templates: no errors in ${#templates[@]} template(s)"
