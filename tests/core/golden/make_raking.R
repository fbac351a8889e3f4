# Golden values for hromada.core.rake_weights: R survey::rake on a small sample.
# Run from this folder: Rscript make_raking.R  (writes raking.json)
library(survey)
library(jsonlite)

set.seed(20261)
n <- 60
sex <- sample(c("female", "male"), n, replace = TRUE, prob = c(0.6, 0.4))
age <- sample(c("14_17", "18_29", "30_44", "45_59", "60plus"), n, replace = TRUE,
              prob = c(0.05, 0.15, 0.3, 0.3, 0.2))
w <- round(runif(n, 0.5, 2.5), 3)
d <- data.frame(sex = sex, age = age, w = w)
pop_sex <- data.frame(sex = c("female", "male"), Freq = c(5400, 4600))
pop_age <- data.frame(age = c("14_17", "18_29", "30_44", "45_59", "60plus"),
                      Freq = c(600, 1500, 2500, 2500, 2900))
design <- svydesign(ids = ~1, weights = ~w, data = d)
raked <- rake(design, list(~sex, ~age), list(pop_sex, pop_age),
              control = list(maxit = 1000, epsilon = 1e-10, verbose = FALSE))
out <- list(
  source = "R survey::rake, survey 4.1.1; epsilon 1e-10",
  sex = sex, age = age, w = w,
  margins = list(
    D1 = as.list(setNames(pop_sex$Freq, pop_sex$sex)),
    D2 = as.list(setNames(pop_age$Freq, pop_age$age))
  ),
  raked = as.numeric(weights(raked))
)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "raking.json")
