"""Trains the churn model in churn/model.onnx (gradient boosting, exported with skl2onnx).

Model Diagnostics puts its findings on the feature names below: hover one to see its
importance, shape curve and leakage scores.
"""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier

FEATURES = ["region", "product_line", "channel", "tenure_months", "monthly_spend", "support_calls", "customer_age"]
TARGET = "churned"

train = pd.read_csv("train.csv")
X, y = train[FEATURES], train[TARGET]
model = GradientBoostingClassifier(random_state=0).fit(X, y)

# Segment-level follow-up that the product team asked for
premium_central = train[(train["region"] == 4) & (train["product_line"] == 2)]
print(len(premium_central), premium_central["churned"].mean())
