"""Trains the credit-default model in credit/model.onnx (xgboost, exported with onnxmltools)."""
import pandas as pd
import xgboost as xgb

train = pd.read_csv("train.csv")
features = [
    "annual_income_k",
    "debt_to_income",
    "credit_score",
    "age",
    "open_accounts",
    "employment_years",
    "loan_amount_k",
    "collections_flag",  # filled in by the collections team
]
model = xgb.XGBClassifier(n_estimators=200, max_depth=4).fit(train[features], train["defaulted"])
