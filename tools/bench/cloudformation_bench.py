#!/usr/bin/env python3
"""Wall time of CloudFormation stack operations on one `stepsim serve`: the Job Status Poller's
stack (scenarios/cloudformation/job_poller_template.yaml, 17 resources, two functions with inline
Python) created, updated (one parameter: the Batch compute environment changes in place) and
deleted, each timed from the call until boto3's waiter returns; and `aws cloudformation deploy` of
the same template, timed as a process, beside `aws cloudformation list-stacks` (the CLI's own
start-up) in the same run.

    tools/bench/cloudformation_bench.py build/stepsim [--runs 5]

Each figure is the median of the runs, each run on a fresh server.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "clients"))
os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

TEMPLATE = (ROOT / "scenarios" / "cloudformation" / "job_poller_template.yaml").read_text()
WAIT = {"Delay": 0.01, "MaxAttempts": 10000}


def timed(action):
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def stack_operations(server):
    cfn = server.client("cloudformation")

    def create():
        cfn.create_stack(StackName="bench", TemplateBody=TEMPLATE, Capabilities=["CAPABILITY_IAM"])
        cfn.get_waiter("stack_create_complete").wait(StackName="bench", WaiterConfig=WAIT)

    def update():
        cfn.update_stack(StackName="bench", TemplateBody=TEMPLATE, Capabilities=["CAPABILITY_IAM"],
                         Parameters=[{"ParameterKey": "MaxVcpus", "ParameterValue": "16"}])
        cfn.get_waiter("stack_update_complete").wait(StackName="bench", WaiterConfig=WAIT)

    def delete():
        stack_id = cfn.describe_stacks(StackName="bench")["Stacks"][0]["StackId"]
        cfn.delete_stack(StackName="bench")
        cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig=WAIT)

    return {"create": timed(create), "update": timed(update), "delete": timed(delete)}


def cli(server, *args):
    result = subprocess.run(["aws", "--endpoint-url", server.url, *args], capture_output=True,
                            text=True, env=dict(os.environ, AWS_MAX_ATTEMPTS="1"))
    if result.returncode != 0:
        raise RuntimeError(result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stepsim")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["STEPSIM_BIN"] = os.path.abspath(args.stepsim)
    from stepsim_server import StepsimServer  # after STEPSIM_BIN is set

    figures = {"create": [], "update": [], "delete": [], "deploy": [], "cli": []}
    for _ in range(args.runs):
        with StepsimServer() as server:
            for name, ms in stack_operations(server).items():
                figures[name].append(ms)
        with StepsimServer() as server:
            template = str(ROOT / "scenarios" / "cloudformation" / "job_poller_template.yaml")
            figures["deploy"].append(timed(lambda: cli(
                server, "cloudformation", "deploy", "--template-file", template,
                "--stack-name", "JobPoller", "--capabilities", "CAPABILITY_IAM")))
            figures["cli"].append(timed(lambda: cli(server, "cloudformation", "list-stacks")))
    medians = {name: statistics.median(values) for name, values in figures.items()}
    print(f"Job Poller stack (17 resources), median of {args.runs} runs:")
    print(f"  CreateStack until stack_create_complete  {medians['create']:8.1f} ms")
    print(f"  UpdateStack until stack_update_complete  {medians['update']:8.1f} ms")
    print(f"  DeleteStack until stack_delete_complete  {medians['delete']:8.1f} ms")
    print(f"  aws cloudformation deploy (process)      {medians['deploy']:8.1f} ms")
    print(f"  aws cloudformation list-stacks (process) {medians['cli']:8.1f} ms"
          f"  (deploy is {medians['deploy'] / medians['cli']:.2f}x the CLI's start-up)")


if __name__ == "__main__":
    main()
